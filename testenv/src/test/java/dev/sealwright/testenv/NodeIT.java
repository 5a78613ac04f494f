package dev.sealwright.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The node runs pods: images from the node's containerd (nothing pulled), the restricted Pod
 * Security profile (non-root, no privilege escalation, all capabilities dropped, RuntimeDefault
 * seccomp), Secrets as environment variables and as files, and logs through the API server and the
 * kubelet.
 */
@NeedsNode
final class NodeIT {
  private static final long START_SECONDS = 90;
  private static final String EXPECTED_REPORT =
      "env PASSWORD=env-value-1\nfile /secret/file=file-value-2\n";

  @Test
  void pausePod_localImage_runningAndReady(KubernetesClient admin, TestNamespace ns, Node node) {
    Pod created =
        pods(admin, ns)
            .resource(pod("pause", Node.restrictedContainer(node.pauseImage()).build()))
            .create();

    Pod ready = waitUntilReady(admin, ns, created);

    assertThat(ready.getStatus().getPhase()).isEqualTo("Running");
    assertThat(ready.getSpec().getNodeName()).isEqualTo(Node.NAME);
    assertThat(ready.getStatus().getPodIP()).isNotBlank();
  }

  @Test
  void showPod_secretAsEnvAndVolume_logsShowBothValues(
      KubernetesClient admin, TestNamespace ns, Node node) {
    Pod created = pods(admin, ns).resource(showPod(admin, ns, node, null)).create();
    waitUntilReady(admin, ns, created);

    PodResource resource = pods(admin, ns).withName(created.getMetadata().getName());
    String log =
        waitFor(
            () -> {
              String l = resource.getLog();
              return l != null && l.contains("file /secret/file=") ? l : null;
            });

    assertThat(log).contains(EXPECTED_REPORT);
  }

  @Test
  void showPod_httpReadinessProbe_readyAndReachableFromTheHost(
      KubernetesClient admin, TestNamespace ns, Node node) throws Exception {
    Pod created = pods(admin, ns).resource(showPod(admin, ns, node, 8080)).create();

    Pod ready = waitUntilReady(admin, ns, created);

    // The test JVM runs on the node's host, which reaches pod IPs on the node's bridge directly.
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + ready.getStatus().getPodIP() + ":8080/"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(EXPECTED_REPORT);
    }
  }

  /**
   * A pod running the show image on the Secret {@code app}, created here: key {@code password} as
   * the environment variable {@code PASSWORD}, key {@code file} as the file {@code /secret/file};
   * with a port, it serves its report there behind an HTTP readiness probe.
   */
  private static Pod showPod(KubernetesClient admin, TestNamespace ns, Node node, Integer port) {
    admin
        .secrets()
        .inNamespace(ns.name())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("app")
                .endMetadata()
                .withStringData(Map.of("password", "env-value-1", "file", "file-value-2"))
                .build())
        .create();
    ContainerBuilder show =
        Node.restrictedContainer(node.showImage())
            .withArgs("PASSWORD", "/secret/file")
            .addNewEnv()
            .withName("PASSWORD")
            .withNewValueFrom()
            .withNewSecretKeyRef("password", "app", false)
            .endValueFrom()
            .endEnv()
            .addNewVolumeMount()
            .withName("secret")
            .withMountPath("/secret")
            .withReadOnly(true)
            .endVolumeMount();
    if (port != null) {
      show.addToArgs(port.toString())
          .addNewPort()
          .withContainerPort(port)
          .endPort()
          .withNewReadinessProbe()
          .withNewHttpGet()
          .withPath("/ready")
          .withNewPort(port)
          .endHttpGet()
          .withPeriodSeconds(1)
          .endReadinessProbe();
    }
    Pod pod = pod("show", show.build());
    pod.getSpec()
        .getVolumes()
        .add(
            new VolumeBuilder()
                .withName("secret")
                .withNewSecret()
                .withSecretName("app")
                .endSecret()
                .build());
    return pod;
  }

  /** The namespace's pods, once its default service account (which pods need) exists. */
  private static NonNamespaceOperation<Pod, PodList, PodResource> pods(
      KubernetesClient admin, TestNamespace ns) {
    admin
        .serviceAccounts()
        .inNamespace(ns.name())
        .withName("default")
        .waitUntilCondition(Objects::nonNull, 30, TimeUnit.SECONDS);
    return admin.pods().inNamespace(ns.name());
  }

  private static Pod pod(String name, Container container) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addToContainers(container)
        .withTerminationGracePeriodSeconds(1L)
        .withAutomountServiceAccountToken(false)
        .endSpec()
        .build();
  }

  private static Pod waitUntilReady(KubernetesClient admin, TestNamespace ns, Pod pod) {
    return admin
        .pods()
        .inNamespace(ns.name())
        .withName(pod.getMetadata().getName())
        .waitUntilCondition(NodeIT::ready, START_SECONDS, TimeUnit.SECONDS);
  }

  private static boolean ready(Pod pod) {
    return pod != null
        && pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static <T> T waitFor(Supplier<T> attempt) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      T value = attempt.get();
      if (value != null || System.nanoTime() > deadline) {
        return Objects.requireNonNull(value, "timed out");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
