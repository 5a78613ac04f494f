package dev.sealwright.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Secret behaviour the operator relies on and fabric8's mock server does not implement. */
@ExtendWith(KubeTestEnvironment.class)
final class SecretSemanticsIT {

  @Test
  void create_withStringData_readBackAsBase64Data(KubernetesClient admin, TestNamespace ns) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s")
            .endMetadata()
            .addToStringData("token", "not-a-real-secret")
            .build();

    admin.secrets().inNamespace(ns.name()).resource(secret).create();

    Secret stored = admin.secrets().inNamespace(ns.name()).withName("s").get();
    assertThat(stored.getStringData()).isNullOrEmpty();
    assertThat(stored.getData()).containsExactly(Map.entry("token", base64("not-a-real-secret")));
  }

  @Test
  void update_immutableSecretData_rejectedWith422AndUnchanged(
      KubernetesClient admin, TestNamespace ns) {
    var secrets = admin.secrets().inNamespace(ns.name());
    secrets
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("s")
                .endMetadata()
                .withImmutable(true)
                .addToData("k", base64("v1"))
                .build())
        .create();
    Secret changed =
        new SecretBuilder(secrets.withName("s").get()).addToData("k", base64("v2")).build();

    assertThatThrownBy(() -> secrets.resource(changed).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    assertThat(secrets.withName("s").get().getData()).containsExactly(Map.entry("k", base64("v1")));
  }

  @Test
  void create_dryRun_returnsObjectButStoresNothing(KubernetesClient admin, TestNamespace ns) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s")
            .endMetadata()
            .addToData("k", base64("v"))
            .build();

    Secret answered = admin.secrets().inNamespace(ns.name()).resource(secret).dryRun().create();

    assertThat(answered.getMetadata().getName()).isEqualTo("s");
    assertThat(admin.secrets().inNamespace(ns.name()).withName("s").get()).isNull();
    assertThat(admin.secrets().inNamespace(ns.name()).list().getItems()).isEmpty();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
