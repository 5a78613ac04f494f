package dev.sealwright.operator.it;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * A ResourceQuota that lets no new Secret into a namespace, so that the operator's writes fail for
 * real (HTTP 403 from the quota admission), as they would in a namespace at its quota.
 */
final class NoNewSecrets {
  private NoNewSecrets() {}

  /** Installs the quota and waits until the API server enforces it. */
  static void install(KubernetesClient admin, String namespace) {
    ResourceQuota quota =
        admin
            .resource(
                new ResourceQuotaBuilder()
                    .withNewMetadata()
                    .withName("no-more-secrets")
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewSpec()
                    .addToHard("secrets", new Quantity("0"))
                    .endSpec()
                    .build())
            .create();
    // The quota admission reads the quota's status, which the test environment's controllers do
    // not fill: written here.
    quota.setStatus(
        new ResourceQuotaStatusBuilder()
            .addToHard("secrets", new Quantity("0"))
            .addToUsed("secrets", new Quantity("0"))
            .build());
    admin.resource(quota).updateStatus();
    // The quota admission caches a namespace's quotas (for up to 30 s when it had none).
    Eventually.await(
        "the quota refuses new Secrets", Duration.ofSeconds(90), () -> refuses(admin, namespace));
  }

  private static boolean refuses(KubernetesClient admin, String namespace) {
    Secret probe = new SecretBuilder().withNewMetadata().withName("probe").endMetadata().build();
    try {
      admin.secrets().inNamespace(namespace).resource(probe).dryRun().create();
      return false;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return true;
      }
      throw e;
    }
  }
}
