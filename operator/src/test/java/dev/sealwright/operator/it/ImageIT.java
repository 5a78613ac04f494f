package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sealwright.operator.deploy.Helm;
import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator image the build wrote (target/sealwright-operator-image.tar): reproducible, small,
 * non-root, without a shell, and runnable: its own root file system, mounted read-only, runs the
 * operator as user 65532 against the real API server until its readiness probe answers.
 *
 * <p>Without a node there is no container runtime here, so the image is run the way a runtime would
 * run it, minus namespaces: unpacked layer by layer, chrooted, /proc and a /tmp tmpfs mounted (CI
 * runs as root on this machine).
 */
@ExtendWith(KubeTestEnvironment.class)
class ImageIT {
  private static final Path TARGET = Path.of(System.getProperty("user.dir"), "target");
  private static final Path ARCHIVE = TARGET.resolve("sealwright-operator-image.tar");
  private static final long MAX_SIZE = 150L << 20;

  @TempDir Path work;

  @Test
  void image_builtTwice_sameDigest() throws IOException {
    String first = Files.readString(TARGET.resolve("sealwright-operator-image.digest"));
    String second =
        Files.readString(TARGET.resolve("image-again/sealwright-operator-image.digest"));

    assertThat(first).startsWith("sha256:").isEqualTo(second);
  }

  /** The part Jib does not make: jlink and the copied C library give the same bytes every run. */
  @Test
  void imageRoot_assembledAgain_sameFilesAndModes() throws Exception {
    Path again = work.resolve("root");
    ProcessBuilder jlink =
        new ProcessBuilder(
                "bash",
                Helm.repoRoot().resolve("packaging/java-runtime").toString(),
                "--image-root",
                System.getProperty("java.home"),
                modules(),
                again.toString())
            .redirectErrorStream(true);
    ChildProcesses.run(jlink, null, Duration.ofMinutes(5)).requireSuccess();

    assertThat(tree(again)).isEqualTo(tree(TARGET.resolve("image-root")));
  }

  @Test
  void image_nonRootNoShellUnderTheSizeLimitNamedAsTheChartSays() throws Exception {
    OciImage image = OciImage.unpack(ARCHIVE, Files.createDirectory(work.resolve("oci")));

    assertThat(image.config().path("User").asText()).isEqualTo("65532:65532");
    assertThat(image.paths())
        .as("no shell or other program besides java")
        .noneMatch(p -> p.matches("(usr/)?s?bin/.*"))
        .noneMatch(p -> p.endsWith("/sh") || p.endsWith("/bash") || p.endsWith("/busybox"));
    assertThat(image.layersSize()).isLessThan(MAX_SIZE);
    JsonNode values = yaml(Helm.chart().resolve("values.yaml"));
    JsonNode chart = yaml(Helm.chart().resolve("Chart.yaml"));
    assertThat(image.refName())
        .isEqualTo(
            values.path("image").path("repository").asText()
                + ":"
                + chart.path("appVersion").asText());
  }

  @Test
  void operatorFromTheImage_readOnlyRootAsNonRoot_becomesReadyAndPublishesKeys(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    OperatorHarness.installCrd(admin);
    OciImage image = OciImage.unpack(ARCHIVE, Files.createDirectory(work.resolve("oci")));
    Path root = work.resolve("root");
    image.extractTo(root);
    Files.createDirectories(root.resolve("proc"));
    Path kubeconfig = root.resolve("kubeconfig");
    Files.copy(KubeTestEnvironment.kubeconfig(), kubeconfig);
    Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
    int port = freePort();

    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--fork", "sh", "-c"));
    // The root becomes read-only as readOnlyRootFilesystem makes it; /tmp is the chart's emptyDir.
    command.add(
        "set -e; mount --bind \"$0\" \"$0\"; mount -o remount,bind,ro \"$0\";"
            + " mount -t proc proc \"$0/proc\"; mount -t tmpfs tmpfs \"$0/tmp\";"
            + " exec chroot --userspec=65532:65532 \"$0\" \"$@\"");
    command.add(root.toString());
    image.config().path("Entrypoint").forEach(a -> command.add(a.asText()));
    command.addAll(
        List.of("--namespace=" + ns.name(), "--no-leader-election", "--http-port=" + port));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(work.resolve("operator.log").toFile());
    pb.environment().clear();
    pb.environment().put("KUBECONFIG", "/kubeconfig");
    Process operator = pb.start();
    try {
      awaitReady(operator, port);

      // Published once the leader has made the first key (readiness does not wait for that).
      var published =
          admin
              .configMaps()
              .inNamespace(ns.name())
              .withName(WireNames.PUBLIC_KEYS_CONFIGMAP)
              .waitUntilCondition(
                  cm ->
                      cm != null && cm.getData().get(WireNames.RECIPIENTS_TXT).contains("age1pq1"),
                  60,
                  java.util.concurrent.TimeUnit.SECONDS);
      assertThat(published).as("published by the operator in the image").isNotNull();
      assertThat(Files.readString(work.resolve("operator.log")))
          .doesNotContain("Exception", "AGE-SECRET-KEY");
    } finally {
      operator.descendants().forEach(ProcessHandle::destroy);
      operator.destroy();
      if (!operator.waitFor(20, TimeUnit.SECONDS)) {
        ChildProcesses.kill(operator);
      }
    }
  }

  private void awaitReady(Process operator, int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      assertThat(operator.isAlive())
          .as("operator exited: " + Files.readString(work.resolve("operator.log")))
          .isTrue();
      try {
        if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "not ready in 90 s: " + Files.readString(work.resolve("operator.log")));
  }

  private static String modules() throws IOException {
    // The same list the build used: the pom passes it to failsafe.
    return System.getProperty("sealwright.operator.runtime.modules");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static JsonNode yaml(Path file) throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
  }

  /** Every file under {@code dir}: relative path to mode and SHA-256 (links by their target). */
  private static TreeMap<String, String> tree(Path dir) throws Exception {
    TreeMap<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        String key = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          files.put(key, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          var digest = java.security.MessageDigest.getInstance("SHA-256");
          files.put(
              key,
              PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                  + " "
                  + java.util.HexFormat.of().formatHex(digest.digest(Files.readAllBytes(p))));
        }
      }
    }
    return files;
  }
}
