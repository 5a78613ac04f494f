package dev.sealwright.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** RBAC is really enforced: the restricted user holds only the built-in "view" role. */
@ExtendWith(KubeTestEnvironment.class)
final class AccessIT {

  @Test
  void restrictedUser_getSecret_forbidden(
      KubernetesClient admin, RestrictedClient restricted, TestNamespace ns) {
    admin
        .secrets()
        .inNamespace(ns.name())
        .resource(new SecretBuilder().withNewMetadata().withName("s").endMetadata().build())
        .create();

    assertThatThrownBy(
            () -> restricted.client().secrets().inNamespace(ns.name()).withName("s").get())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(() -> restricted.client().secrets().inNamespace(ns.name()).list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void restrictedUser_configMaps_mayReadButNotCreate(
      KubernetesClient admin, RestrictedClient restricted, TestNamespace ns) {
    var created =
        admin
            .configMaps()
            .inNamespace(ns.name())
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("c")
                    .endMetadata()
                    .addToData("k", "v")
                    .build())
            .create();
    var configMaps = restricted.client().configMaps().inNamespace(ns.name());

    var read = configMaps.withName("c").get();
    assertThat(read.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(read.getData()).containsExactly(java.util.Map.entry("k", "v"));
    assertThatThrownBy(
            () ->
                configMaps
                    .resource(
                        new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("d")
                            .endMetadata()
                            .build())
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void restrictedClient_selfSubjectReview_namesRestrictedUser(RestrictedClient restricted) {
    var review =
        restricted
            .client()
            .authentication()
            .v1()
            .selfSubjectReviews()
            .create(new io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview());

    assertThat(review.getStatus().getUserInfo().getUsername())
        .isEqualTo(RestrictedClient.USER_NAME);
  }
}
