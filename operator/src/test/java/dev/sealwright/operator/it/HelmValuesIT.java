package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.operator.deploy.Helm;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealed values files installed with the real {@code helm install} against the real API server,
 * with the operator running: the safe path (library chart, the operator opens the envelopes) and
 * the render-time path (the Helm plugin opens them, Helm creates the Secret). Values are sealed
 * with the real CLI ({@code sealwright values seal}); the plugin runs {@code bin/sealwright}.
 */
@ExtendWith(KubeTestEnvironment.class)
class HelmValuesIT {
  static final Map<String, String> PLAINTEXT =
      Map.of(
          "password", "p@ss: w0rd # not a comment\n",
          "pin", "0123",
          "motto", "  ünïcødé ✓ 'quoted'  ");

  @TempDir Path dir;

  private static String helm(Path workDir, Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", KubeTestEnvironment.kubeconfig().toString()));
    return Helm.run(all, env, workDir);
  }

  private Path valuesFile(String name, String... keys) throws IOException {
    StringBuilder sb = new StringBuilder("# values\n");
    String pad = "";
    for (String key : keys) {
      sb.append(pad).append(key).append(":\n");
      pad += "  ";
    }
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      sb.append(pad)
          .append(e.getKey())
          .append(": \"")
          .append(e.getValue().replace("\n", "\\n"))
          .append("\"\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, sb.toString());
    return file;
  }

  /** What Helm stored of the release: the release Secret's gzipped JSON, decoded. */
  private static String releaseRecord(KubernetesClient admin, String ns, String release)
      throws IOException {
    Secret record =
        admin
            .secrets()
            .inNamespace(ns)
            .withLabel("owner", "helm")
            .withLabel("name", release)
            .list()
            .getItems()
            .getFirst();
    byte[] once = Base64.getDecoder().decode(record.getData().get("release"));
    byte[] gzipped = Base64.getDecoder().decode(once);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertBytes(Secret secret) {
    assertThat(secret.getData()).containsOnlyKeys(PLAINTEXT.keySet());
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      assertThat(Base64.getDecoder().decode(secret.getData().get(e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void install_libraryChart_operatorCreatesTheSecretByteForByte_helmNeverHoldsPlaintext(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      Path recipients = dir.resolve("recipients.txt");
      Files.writeString(recipients, h.recipientsTxt());
      Path values = valuesFile("values.sealed.yaml", "sealedSecrets", "db");
      CliRun.success(
          "values",
          "seal",
          values.toString(),
          "--path",
          "sealedSecrets.db",
          "-n",
          ns.name(),
          "--name",
          "db",
          "-R",
          recipients.toString());
      Path chart = Helm.valuesExampleChart(dir);

      String out =
          helm(
              dir,
              Map.of(),
              "install",
              "app",
              chart.toString(),
              "-n",
              ns.name(),
              "-f",
              values.toString());

      h.awaitReason(ns.name(), "db", Conditions.UNSEALED);
      assertBytes(h.secret(ns.name(), "db"));
      String record = releaseRecord(admin, ns.name(), "app");
      assertThat(record).contains("sw1:strict:");
      for (String value : PLAINTEXT.values()) {
        assertThat(record + out + Files.readString(values)).doesNotContain(value.strip());
      }
    }
  }

  @Test
  void install_withPluginValues_helmCreatesTheSecretByteForByte_andItsRecordHoldsThePlaintext(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    CliRun.success("keygen", "-o", dir.resolve("key.txt").toString());
    String recipient =
        Files.readAllLines(dir.resolve("key.txt")).stream()
            .filter(l -> l.startsWith("# public key: "))
            .map(l -> l.substring("# public key: ".length()))
            .findFirst()
            .orElseThrow();
    Path values = valuesFile("secrets.sealed.yaml", "secrets", "web");
    CliRun.success(
        "values",
        "seal",
        values.toString(),
        "--path",
        "secrets.web",
        "-n",
        ns.name(),
        "--name",
        "web",
        "-r",
        recipient);
    Path chart = Helm.valuesExampleChart(dir);
    Map<String, String> env =
        Map.of(
            "HELM_DATA_HOME", dir.resolve("helm-data").toString(),
            "PATH", Helm.repoRoot().resolve("bin") + ":" + System.getenv("PATH"),
            "SEALWRIGHT_IDENTITY", dir.resolve("key.txt").toString());
    helm(
        dir,
        env,
        "plugin",
        "install",
        Helm.repoRoot().resolve("deploy/helm-plugin/sealwright").toString());

    helm(
        dir,
        env,
        "install",
        "web",
        chart.toString(),
        "-n",
        ns.name(),
        "-f",
        "sealwright://secrets.sealed.yaml?namespace=" + ns.name() + "&name=web");

    assertBytes(admin.secrets().inNamespace(ns.name()).withName("web").get());
    // What docs/gitops.md warns about: on this path Helm's release record holds the values.
    assertThat(releaseRecord(admin, ns.name(), "web")).contains("\"pin\":\"0123\"");
    assertThat(decoded(admin.secrets().inNamespace(ns.name()).withName("web").get(), "pin"))
        .isEqualTo("0123");
  }
}
