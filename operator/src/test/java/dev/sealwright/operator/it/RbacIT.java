package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.operator.OperatorSettings;
import dev.sealwright.operator.SealwrightOperator;
import dev.sealwright.operator.deploy.Helm;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.RestrictedClient;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.Defaults;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator runs as its own ServiceAccount under the Roles the Helm chart renders for a
 * namespaced install ({@code watchNamespaces} set): it works, and it cannot read Secrets it has no
 * business with.
 */
@ExtendWith(KubeTestEnvironment.class)
class RbacIT {

  @Test
  void operatorUnderRenderedRoles_reconciles_butCannotReadOtherSecrets(
      KubernetesClient admin, TestNamespace watched, RestrictedClient restricted) {
    OperatorHarness.installCrd(admin);
    String opNs = OperatorHarness.newNamespace(admin, "sw-op-");
    String other = OperatorHarness.newNamespace(admin, "t-other-");
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("private")
                .withNamespace(other)
                .endMetadata()
                .addToStringData("k", "v")
                .build())
        .create();
    // The namespaced install exactly as the chart renders it (Deployment and Service included;
    // no pod runs here, so the operator runs in this JVM under the rendered ServiceAccount).
    List<HasMetadata> install = Helm.objects(opNs, "watchNamespaces={" + watched.name() + "}");
    assertThat(install).noneMatch(o -> o.getKind().startsWith("ClusterRole"));
    for (HasMetadata o : install) {
      admin.resource(o).create();
    }
    String serviceAccount =
        install.stream()
            .filter(o -> o.getKind().equals("ServiceAccount"))
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getName();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(opNs)
            .withName(serviceAccount)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config adminConfig = admin.getConfiguration();
    Config saConfig =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(adminConfig.getMasterUrl())
            .withCaCertData(adminConfig.getCaCertData())
            .withCaCertFile(adminConfig.getCaCertFile())
            .withOauthToken(token)
            .build();
    OperatorSettings settings =
        OperatorHarness.settings(opNs, watched.name())
            .leaderElection(true)
            .leaseName(Defaults.LEASE_NAME)
            .build();
    try (KubernetesClient sa = new KubernetesClientBuilder().withConfig(saConfig).build();
        SealwrightOperator operator = SealwrightOperator.start(settings, sa);
        OperatorHarness h = OperatorHarness.attach(admin, opNs, operator)) {
      h.awaitPublished();
      h.apply(h.sealWithCli(watched.name(), "db", Map.of("pw", "s3cret")));

      h.awaitReason(watched.name(), "db", Conditions.UNSEALED);
      assertThat(decoded(h.secret(watched.name(), "db"), "pw")).isEqualTo("s3cret");

      assertForbidden(() -> sa.secrets().inNamespace(other).withName("private").get());
      assertForbidden(() -> sa.secrets().inNamespace(other).list());
      assertForbidden(() -> sa.secrets().inAnyNamespace().list());
      assertForbidden(() -> sa.secrets().inNamespace("kube-system").list());
      assertForbidden(() -> sa.configMaps().inNamespace(other).list());

      // Every authenticated user reads the public keys, and nothing else of the operator's.
      KubernetesClient user = restricted.client();
      assertThat(
              user.configMaps()
                  .inNamespace(opNs)
                  .withName(WireNames.PUBLIC_KEYS_CONFIGMAP)
                  .get()
                  .getData())
          .containsKey(WireNames.RECIPIENTS_TXT);
      assertForbidden(
          () -> user.secrets().inNamespace(opNs).withLabel(WireNames.KEY_LABEL, "true").list());
    } finally {
      admin.namespaces().withName(other).delete();
    }
  }

  private static void assertForbidden(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }
}
