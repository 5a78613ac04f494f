package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.operator.deploy.Helm;
import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The install as users apply it, sent to the real API server as a server-side dry run with strict
 * field validation: every object of deploy/manifests (and of the chart's namespaced flavour) is one
 * the API server accepts, with no unknown or duplicate field, and the operator's pod passes the
 * {@code restricted} Pod Security level. Nothing is stored.
 */
@ExtendWith(KubeTestEnvironment.class)
class InstallDryRunIT {

  private static List<HasMetadata> manifest(String file) throws IOException {
    return Helm.parse(Files.readString(Helm.repoRoot().resolve("deploy/manifests/" + file)));
  }

  /**
   * Dry-run create; an object an earlier IT made for real (the CRD, by the harness or by {@code
   * helm install}) is dry-run applied over instead, taking its fields from their manager.
   */
  private static void dryRun(KubernetesClient admin, HasMetadata o) {
    var op = admin.resource(o).dryRun().fieldValidation(Validation.STRICT);
    HasMetadata answer =
        admin.resource(o).get() == null ? op.create() : op.forceConflicts().serverSideApply();
    assertThat(answer.getMetadata().getName())
        .as(o.getKind() + " accepted")
        .isEqualTo(o.getMetadata().getName());
  }

  @Test
  void plainManifests_namespaceAndCrd_acceptedByTheApiServer(KubernetesClient admin)
      throws IOException {
    for (String file : List.of("00-namespace.yaml", "01-crd.yaml")) {
      for (HasMetadata o : manifest(file)) {
        dryRun(admin, o);
      }
    }
    assertThat(manifest("00-namespace.yaml"))
        .singleElement()
        .satisfies(
            ns ->
                assertThat(ns.getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
  }

  /**
   * 02-operator.yaml is the chart rendered for namespace sealwright (DeployManifestsTest); here the
   * same chart is rendered for a fresh namespace, so the namespaced objects have a home. The
   * namespace enforces the restricted level, as 00-namespace.yaml makes the real one do.
   */
  @Test
  void operatorObjects_clusterWide_acceptedInARestrictedNamespace(
      KubernetesClient admin, TestNamespace ns) {
    restrict(admin, ns);
    List<HasMetadata> install = Helm.objects(ns.name());

    assertThat(install).extracting(HasMetadata::getKind).contains("ClusterRole", "Deployment");
    for (HasMetadata o : install) {
      dryRun(admin, o);
    }
    // Pod Security admission judges pods, not Deployments: dry-run the Deployment's pod. The pod's
    // ServiceAccount must exist for that, so it alone is created (the namespace is thrown away).
    admin.resource(ofKind(install, ServiceAccount.class)).create();
    Deployment deployment = ofKind(install, Deployment.class);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("sealwright-operator-dry-run")
            .withNamespace(ns.name())
            .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
            .endMetadata()
            .withSpec(deployment.getSpec().getTemplate().getSpec())
            .build();
    dryRun(admin, pod);

    // The control: the same pod without the container's hardening is refused, so the admission
    // that let the real one pass is on.
    Pod unhardened =
        new PodBuilder(pod).editMetadata().withName("unhardened").endMetadata().build();
    unhardened.getSpec().getContainers().getFirst().setSecurityContext(null);
    assertThatThrownBy(() -> dryRun(admin, unhardened))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(403);
              assertThat(e.getMessage()).contains("violates PodSecurity \"restricted");
            });
  }

  @Test
  void operatorObjects_watchNamespacesSet_acceptedByTheApiServer(
      KubernetesClient admin, TestNamespace ns) {
    List<HasMetadata> install = Helm.objects(ns.name(), "watchNamespaces={default}");

    assertThat(install).noneMatch(o -> o.getKind().startsWith("ClusterRole"));
    for (HasMetadata o : install) {
      dryRun(admin, o);
    }
  }

  /** The control for strict field validation: a misspelled field is refused, not dropped. */
  @Test
  void dryRun_misspelledField_isRefused(KubernetesClient admin, TestNamespace ns) {
    HasMetadata serviceAccount = ofKind(Helm.objects(ns.name()), ServiceAccount.class);
    ((ServiceAccount) serviceAccount).setAdditionalProperty("automountServiceAccountTokens", false);

    assertThatThrownBy(() -> dryRun(admin, serviceAccount))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> assertThat(e.getMessage()).contains("unknown field"));
  }

  /** The test environment's kubectl as admin, with {@code stdin}; bounded, output drained. */
  private static ChildProcesses.Result kubectl(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(KubeTestEnvironment.kubectl().toString());
    command.add("--kubeconfig=" + KubeTestEnvironment.kubeconfig());
    command.addAll(List.of(args));
    return ChildProcesses.run(
        new ProcessBuilder(command), stdin.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(2));
  }

  /**
   * The real {@code kubectl apply --dry-run=server --validate=strict} over the whole
   * deploy/manifests folder, exactly as the README tells users to apply it. Only its Namespace is
   * created for real first (the namespaced objects need it to exist), and removed after unless it
   * was there already.
   */
  @Test
  void kubectlServerDryRun_wholeManifestsFolder_everyObjectAccepted(KubernetesClient admin)
      throws Exception {
    Path folder = Helm.repoRoot().resolve("deploy/manifests");
    List<HasMetadata> objects = new ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        objects.addAll(Helm.parse(Files.readString(f)));
      }
    }
    String namespace = manifest("00-namespace.yaml").getFirst().getMetadata().getName();
    boolean existed = admin.namespaces().withName(namespace).get() != null;
    ChildProcesses.Result created =
        kubectl("", "apply", "-f", folder.resolve("00-namespace.yaml").toString());
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    try {
      ChildProcesses.Result dry =
          kubectl(
              "",
              "apply",
              "--dry-run=server",
              "--validate=strict",
              "-f",
              folder.toString(),
              "-o",
              "name");

      assertThat(dry.exitCode()).as(dry.stderr()).isZero();
      // "deployment.apps/sealwright-operator" -> "deployment/sealwright-operator"
      List<String> accepted =
          dry.stdout()
              .lines()
              .map(
                  l -> l.substring(0, l.indexOf('/')).split("\\.")[0] + l.substring(l.indexOf('/')))
              .sorted()
              .toList();
      List<String> expected =
          objects.stream()
              .map(o -> o.getKind().toLowerCase(Locale.ROOT) + "/" + o.getMetadata().getName())
              .sorted()
              .toList();
      assertThat(accepted).isEqualTo(expected);
    } finally {
      if (!existed) {
        // Wait until it is gone, so a later IT in this JVM can create it again.
        admin.namespaces().withName(namespace).delete();
        admin
            .namespaces()
            .withName(namespace)
            .waitUntilCondition(java.util.Objects::isNull, 2, TimeUnit.MINUTES);
      }
    }

    // The control: kubectl's strict validation refuses a misspelled field instead of dropping it.
    ChildProcesses.Result refused =
        kubectl(
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: misspelled\n"
                + "  namespace: default\nautomountServiceAccountTokens: false\n",
            "apply",
            "--dry-run=server",
            "--validate=strict",
            "-f",
            "-");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr())
        .contains("unknown field")
        .contains("automountServiceAccountTokens");
  }

  private static void restrict(KubernetesClient admin, TestNamespace ns) {
    admin
        .namespaces()
        .withName(ns.name())
        .edit(
            n ->
                new NamespaceBuilder(n)
                    .editMetadata()
                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                    .endMetadata()
                    .build());
    Namespace labelled = admin.namespaces().withName(ns.name()).get();
    assertThat(labelled.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
  }

  private static <T extends HasMetadata> T ofKind(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }
}
