package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.operator.deploy.Helm;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real {@code helm install}, {@code upgrade} and {@code uninstall} against the real API server
 * (no pods run here: the Deployment is stored, never scheduled). The namespaced flavour keeps every
 * object inside test namespaces; the CRD from the chart's crds/ is created if missing and left
 * alone if present, as Helm does.
 */
@ExtendWith(KubeTestEnvironment.class)
class HelmInstallIT {

  private static String helm(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", KubeTestEnvironment.kubeconfig().toString()));
    return Helm.run(all);
  }

  private static List<String> args(KubernetesClient admin, String ns) {
    Deployment d = admin.apps().deployments().inNamespace(ns).withName("sealwright-operator").get();
    return d.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
  }

  @Test
  void installUpgradeUninstall_namespaced_objectsFollowTheRelease_keySecretsStay(
      KubernetesClient admin, TestNamespace ns) {
    String watched = OperatorHarness.newNamespace(admin, "t-helm-watched-");
    String chart = Helm.chart().toString();
    try {
      helm(
          "install",
          Helm.RELEASE,
          chart,
          "-n",
          ns.name(),
          "--set",
          "watchNamespaces={" + watched + "}");

      assertThat(args(admin, ns.name())).contains("--watch-namespaces=" + watched);
      assertThat(admin.rbac().roles().inNamespace(watched).withName("sealwright-operator").get())
          .isNotNull();
      assertThat(
              admin
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName("sealedsecrets.sealwright.dev")
                  .get())
          .isNotNull();
      // A key Secret, as the operator would make it: not the release's, so Helm never owns it.
      admin
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(WireNames.keySecretName("0123456789abcdef"))
                  .withNamespace(ns.name())
                  .addToLabels(WireNames.KEY_LABEL, "true")
                  .endMetadata()
                  .addToStringData(WireNames.KEY_IDENTITY_ITEM, "placeholder")
                  .build())
          .create();

      helm(
          "upgrade",
          Helm.RELEASE,
          chart,
          "-n",
          ns.name(),
          "--set",
          "watchNamespaces={" + watched + "}",
          "--set",
          "workers=4");

      assertThat(args(admin, ns.name())).contains("--workers=4");
      assertThat(OperatorHarness.keySecretCount(admin, ns.name())).isEqualTo(1);

      helm("uninstall", Helm.RELEASE, "-n", ns.name());

      assertThat(
              admin
                  .apps()
                  .deployments()
                  .inNamespace(ns.name())
                  .withName("sealwright-operator")
                  .get())
          .isNull();
      assertThat(admin.rbac().roles().inNamespace(watched).withName("sealwright-operator").get())
          .isNull();
      assertThat(OperatorHarness.keySecretCount(admin, ns.name()))
          .as("uninstall leaves the cluster keys")
          .isEqualTo(1);
    } finally {
      admin.namespaces().withName(watched).delete();
    }
  }
}
