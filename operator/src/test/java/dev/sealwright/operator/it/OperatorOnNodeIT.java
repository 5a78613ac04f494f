package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.operator.deploy.Helm;
import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.NeedsNode;
import dev.sealwright.testenv.Node;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole install on a node that runs pods: the operator image the build made, installed by the
 * real Helm with its chart's RBAC, security context and probes; two replicas, one leader; metrics
 * served from the pod; an application pod reading a value unsealed from a SealedSecret as an
 * environment variable and as a file; an upgrade that keeps every Secret; an uninstall that keeps
 * the cluster keys. Opt-in with {@code -Dsealwright.node=true} (docs/testing.md).
 */
@NeedsNode
// Each step has its own bound (helm 120 s, kubectl 180 s, each rollout 180 s); together they exceed
// the default per-test timeout of junit-platform.properties.
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class OperatorOnNodeIT {
  private static final Path IMAGE =
      Path.of(System.getProperty("user.dir"), "target", "sealwright-operator-image.tar");
  private static final String DEPLOYMENT = "sealwright-operator";
  private static final long STARTUP_SECONDS = 180;

  /** The namespace deploy/manifests installs into (00-namespace.yaml). */
  private static final String PLAIN_NAMESPACE = dev.sealwright.wire.Defaults.OPERATOR_NAMESPACE;

  private static String helm(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", KubeTestEnvironment.kubeconfig().toString()));
    return Helm.run(all);
  }

  @Test
  void helmInstall_onANode_operatorRunsAndAnAppReadsItsPassword_upgradeAndUninstallKeepState(
      KubernetesClient admin, TestNamespace ns, Node node) throws Exception {
    node.loadImage(IMAGE);
    // The operator's namespace enforces the restricted Pod Security level, as 00-namespace.yaml.
    admin
        .namespaces()
        .withName(ns.name())
        .edit(
            n -> {
              n.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
              return n;
            });
    String apps = OperatorHarness.newNamespace(admin, "t-node-apps-");
    String chart = Helm.chart().toString();
    String watch = "watchNamespaces={" + apps + "}";
    try {
      helm("install", Helm.RELEASE, chart, "-n", ns.name(), "--set", watch);

      Deployment ready = awaitReadyReplicas(admin, ns.name(), 2);
      assertThat(ready.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
          .startsWith("ghcr.io/sealwright/sealwright-operator:");
      List<Pod> pods = operatorPods(admin, ns.name());
      assertThat(pods)
          .hasSize(2)
          .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(Node.NAME));
      Lease lease =
          admin
              .leases()
              .inNamespace(ns.name())
              .withName(DEPLOYMENT)
              .waitUntilCondition(
                  l -> l != null && l.getSpec().getHolderIdentity() != null, 60, TimeUnit.SECONDS);
      assertThat(pods.stream().map(p -> p.getMetadata().getName()))
          .as("the leader is one of the two pods")
          .contains(lease.getSpec().getHolderIdentity());
      String metrics = scrapeMetrics(admin, ns.name(), lease.getSpec().getHolderIdentity());
      assertThat(metrics).contains("sealwright_").doesNotContain("AGE-SECRET-KEY");

      Secret secret = appReadsUnsealedValue(admin, ns.name(), apps, node);

      helm("upgrade", Helm.RELEASE, chart, "-n", ns.name(), "--set", watch, "--set", "workers=4");
      awaitRollout(admin, ns.name(), "--workers=4");
      assertThat(admin.secrets().inNamespace(apps).withName("db").get().getMetadata().getUid())
          .as("the upgrade keeps the Secret")
          .isEqualTo(secret.getMetadata().getUid());
      int keySecrets = OperatorHarness.keySecretCount(admin, ns.name());
      assertThat(keySecrets).isPositive();

      helm("uninstall", Helm.RELEASE, "-n", ns.name());

      assertThat(admin.apps().deployments().inNamespace(ns.name()).withName(DEPLOYMENT).get())
          .isNull();
      assertThat(OperatorHarness.keySecretCount(admin, ns.name()))
          .as("uninstall leaves the cluster keys")
          .isEqualTo(keySecrets);
    } finally {
      admin.namespaces().withName(apps).delete();
    }
  }

  /**
   * Seals a value with the CLI to the key the operator in {@code operatorNs} published, applies it
   * in {@code apps}, and runs an application pod that reads the unsealed Secret as an environment
   * variable and as a file; returns the Secret.
   */
  private static Secret appReadsUnsealedValue(
      KubernetesClient admin, String operatorNs, String apps, Node node) throws Exception {
    ConfigMap keys =
        admin
            .configMaps()
            .inNamespace(operatorNs)
            .withName(WireNames.PUBLIC_KEYS_CONFIGMAP)
            // Created once the leader holds its first key; the test waits for that key.
            .waitUntilCondition(
                cm -> cm != null && cm.getData().get(WireNames.RECIPIENTS_TXT).contains("age1pq1"),
                90,
                TimeUnit.SECONDS);
    SealedSecret sealed =
        OperatorHarness.sealWithCli(
            keys.getData().get(WireNames.RECIPIENTS_TXT),
            apps,
            "db",
            Map.of("password", "s3cr3t-from-git"));
    admin.resources(SealedSecret.class).inNamespace(apps).resource(sealed).create();
    Secret secret =
        admin
            .secrets()
            .inNamespace(apps)
            .withName("db")
            .waitUntilCondition(Objects::nonNull, 60, TimeUnit.SECONDS);
    Pod app = admin.pods().inNamespace(apps).resource(appPod(node)).create();
    String log = awaitLog(admin, apps, app.getMetadata().getName(), "file /etc/db/password=");
    assertThat(log)
        .contains("env PASSWORD=s3cr3t-from-git\n")
        .contains("file /etc/db/password=s3cr3t-from-git\n");
    return secret;
  }

  /**
   * The plain install, {@code kubectl apply -f deploy/manifests/}: the cluster-wide flavour in the
   * namespace {@code sealwright}, which this test removes again (the CRD stays: other tests use
   * it).
   */
  @Test
  void kubectlApply_plainManifests_operatorReadyAndAnAppReadsItsPassword(
      KubernetesClient admin, TestNamespace apps, Node node) throws Exception {
    node.loadImage(IMAGE);
    Path kubeconfig = KubeTestEnvironment.kubeconfig();
    Path kubectl = kubeconfig.getParent().resolve("bin/kubectl");
    Path manifests = Helm.repoRoot().resolve("deploy/manifests");
    try {
      run(
          kubectl.toString(),
          "--kubeconfig",
          kubeconfig.toString(),
          "apply",
          "-f",
          manifests.toString());

      awaitReadyReplicas(admin, PLAIN_NAMESPACE, 2);
      appReadsUnsealedValue(admin, PLAIN_NAMESPACE, apps.name(), node);
    } finally {
      run(
          kubectl.toString(),
          "--kubeconfig",
          kubeconfig.toString(),
          "delete",
          "--ignore-not-found",
          "--wait=true",
          "-f",
          manifests.resolve("02-operator.yaml").toString(),
          "-f",
          manifests.resolve("00-namespace.yaml").toString());
    }
  }

  private static void run(String... command) {
    ChildProcesses.run(
            new ProcessBuilder(command).redirectErrorStream(true), null, Duration.ofMinutes(3))
        .requireSuccess();
  }

  /** The test environment's show image, as a workload under the restricted profile would run it. */
  private static Pod appPod(Node node) {
    var container =
        Node.restrictedContainer(node.showImage())
            .withName("app")
            .withArgs("PASSWORD", "/etc/db/password")
            .addNewEnv()
            .withName("PASSWORD")
            .withNewValueFrom()
            .withNewSecretKeyRef("password", "db", false)
            .endValueFrom()
            .endEnv()
            .addNewVolumeMount()
            .withName("db")
            .withMountPath("/etc/db")
            .withReadOnly(true)
            .endVolumeMount()
            .build();
    return new PodBuilder()
        .withNewMetadata()
        .withName("app")
        .endMetadata()
        .withNewSpec()
        .addToContainers(container)
        .addNewVolume()
        .withName("db")
        .withNewSecret()
        .withSecretName("db")
        .endSecret()
        .endVolume()
        .withTerminationGracePeriodSeconds(1L)
        .withAutomountServiceAccountToken(false)
        .endSpec()
        .build();
  }

  private static Deployment awaitReadyReplicas(KubernetesClient admin, String ns, int replicas) {
    try {
      return waitReady(admin, ns, replicas);
    } catch (KubernetesClientTimeoutException e) {
      throw new AssertionError("operator not ready: " + diagnosis(admin, ns), e);
    }
  }

  /** What a person would look at: each pod's state, its last log lines, the namespace's events. */
  private static String diagnosis(KubernetesClient admin, String ns) {
    StringBuilder out = new StringBuilder();
    for (Pod p : admin.pods().inNamespace(ns).list().getItems()) {
      out.append("\npod ").append(p.getMetadata().getName()).append(' ');
      out.append(p.getStatus().getPhase()).append(' ');
      out.append(p.getStatus().getContainerStatuses());
      try {
        out.append("\nlog: ")
            .append(
                admin
                    .pods()
                    .inNamespace(ns)
                    .withName(p.getMetadata().getName())
                    .tailingLines(20)
                    .getLog());
      } catch (RuntimeException noLog) {
        out.append("\nno log: ").append(noLog.getMessage());
      }
    }
    admin
        .v1()
        .events()
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(
            e -> out.append("\nevent ").append(e.getReason()).append(": ").append(e.getMessage()));
    return out.toString();
  }

  private static Deployment waitReady(KubernetesClient admin, String ns, int replicas) {
    return admin
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(DEPLOYMENT)
        .waitUntilCondition(
            d ->
                d != null
                    && d.getStatus() != null
                    && Objects.equals(d.getStatus().getReadyReplicas(), replicas),
            STARTUP_SECONDS,
            TimeUnit.SECONDS);
  }

  /** Waits until every replica runs the upgraded template (its arguments hold {@code arg}). */
  private static void awaitRollout(KubernetesClient admin, String ns, String arg) {
    admin
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(DEPLOYMENT)
        .waitUntilCondition(
            d ->
                d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getArgs()
                        .contains(arg)
                    && d.getStatus() != null
                    && Objects.equals(
                        d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())
                    && Objects.equals(d.getStatus().getUpdatedReplicas(), 2)
                    && Objects.equals(d.getStatus().getReadyReplicas(), 2)
                    && Objects.equals(d.getStatus().getReplicas(), 2),
            STARTUP_SECONDS,
            TimeUnit.SECONDS);
  }

  private static List<Pod> operatorPods(KubernetesClient admin, String ns) {
    return admin.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(DEPLOYMENT + "-"))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /** GET /metrics from the pod itself, through a port-forward by the API server and kubelet. */
  private static String scrapeMetrics(KubernetesClient admin, String ns, String pod)
      throws Exception {
    try (LocalPortForward forward = admin.pods().inNamespace(ns).withName(pod).portForward(8080)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + forward.getLocalPort() + "/metrics"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  private static String awaitLog(KubernetesClient admin, String ns, String pod, String marker)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
    String log = "";
    while (System.nanoTime() < deadline) {
      try {
        log = admin.pods().inNamespace(ns).withName(pod).getLog();
      } catch (RuntimeException notStartedYet) {
        log = "";
      }
      if (log != null && log.contains(marker)) {
        return log;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("pod " + ns + "/" + pod + " never logged " + marker + ": " + log);
  }
}
