package dev.sealwright.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What kube-controller-manager adds: garbage collection of owned objects, namespace deletion. */
@ExtendWith(KubeTestEnvironment.class)
final class ControllersIT {

  @Test
  void deleteOwner_ownedSecret_garbageCollectedWhileUnownedSecretStays(
      KubernetesClient admin, TestNamespace ns) {
    ConfigMap owner =
        admin
            .configMaps()
            .inNamespace(ns.name())
            .resource(
                new ConfigMapBuilder().withNewMetadata().withName("owner").endMetadata().build())
            .create();
    var secrets = admin.secrets().inNamespace(ns.name());
    secrets
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("owned")
                .addNewOwnerReference()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName("owner")
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();
    var unowned =
        secrets
            .resource(
                new SecretBuilder().withNewMetadata().withName("unowned").endMetadata().build())
            .create();

    admin.configMaps().inNamespace(ns.name()).withName("owner").delete();

    secrets.withName("owned").waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    assertThat(secrets.withName("owned").get()).isNull();
    assertThat(secrets.withName("unowned").get().getMetadata().getUid())
        .as("the unowned Secret, untouched")
        .isEqualTo(unowned.getMetadata().getUid());
  }

  @Test
  void deleteNamespace_withContent_namespaceControllerRemovesIt(KubernetesClient admin) {
    String name = "t-controllersit-delete-ns-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    admin
        .secrets()
        .inNamespace(name)
        .resource(new SecretBuilder().withNewMetadata().withName("s").endMetadata().build())
        .create();

    admin.namespaces().withName(name).delete();

    // Without the namespace controller the namespace would stay Terminating forever.
    admin.namespaces().withName(name).waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    assertThat(admin.namespaces().withName(name).get()).isNull();
  }

  @Test
  void newNamespace_serviceAccountController_createsDefaultServiceAccount(
      KubernetesClient admin, TestNamespace ns) {
    var account = admin.serviceAccounts().inNamespace(ns.name()).withName("default");

    account.waitUntilCondition(Objects::nonNull, 30, TimeUnit.SECONDS);

    assertThat(account.get()).isNotNull();
  }
}
