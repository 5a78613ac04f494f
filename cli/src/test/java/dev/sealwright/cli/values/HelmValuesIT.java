package dev.sealwright.cli.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.gitops.ArgoCdPlugins;
import dev.sealwright.cli.manifest.YamlDocuments;
import dev.sealwright.cli.sops.SopsPeer;
import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.testing.DocSnippets;
import dev.sealwright.testing.TestPeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sealed values files with the real Helm of both majors (built by testpeers/fetch-gitops) and the
 * packaged CLI ({@code bin/sealwright}): the library chart renders envelopes only, the plugin's
 * {@code sealwright://} downloader opens them byte for byte and refuses what helm-secrets learned
 * to refuse. The commands are the ones docs/gitops.md and docs/migration.md show.
 */
class HelmValuesIT {
  static final Path ROOT =
      Path.of(System.getProperty("sealwright.root", "..")).toAbsolutePath().normalize();
  static final String HELM4 = "v4.3.2";
  static final String HELM3 = "v3.21.4";

  /** Values that YAML, base64 and shells like to change: each must come out byte for byte. */
  static final Map<String, String> PLAINTEXT =
      Map.of(
          "password", "p@ss: w0rd # not a comment\n",
          "pin", "0123",
          "flag", "yes",
          "motto", "  ünïcødé ✓ with 'quotes' and \"doubles\"  ");

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    Fixtures.keys(dir);
    Path chart = dir.resolve("chart");
    copyTree(ROOT.resolve("examples/helm/app"), chart);
    // The example names the library chart relative to its place in the repository.
    Path chartYaml = chart.resolve("Chart.yaml");
    Files.writeString(
        chartYaml,
        Files.readString(chartYaml)
            .replace(
                "file://../../../deploy/helm/sealwright-values",
                "file://" + ROOT.resolve("deploy/helm/sealwright-values")));
    Files.copy(dir.resolve("cluster.recipient"), dir.resolve("recipients.txt"));
    Files.copy(dir.resolve("cluster.txt"), dir.resolve("key.txt"));
    // "your checkout of Sealwright", as the docs call it
    Files.createSymbolicLink(dir.resolve("sealwright"), ROOT);
  }

  private static String valuesUnder(String... keys) {
    StringBuilder sb = new StringBuilder("# chart values\n");
    String pad = "";
    for (String key : keys) {
      sb.append(pad).append(key).append(":\n");
      pad += "  ";
    }
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      sb.append(pad).append(e.getKey()).append(": ").append(json(e.getValue())).append('\n');
    }
    return sb.toString();
  }

  private static String json(String s) {
    return dev.sealwright.cli.manifest.Scalars.json(s);
  }

  private Run sh(String helmVersion, List<String> command, Map<String, String> env) {
    return sh(helmVersion, dir, command, env);
  }

  private Run sh(String helmVersion, Path cwd, List<String> command, Map<String, String> env) {
    Path helmDir = dir.resolve("helm-bin-" + helmVersion);
    try {
      if (!Files.exists(helmDir)) {
        Files.createDirectories(helmDir);
        Path helm = TestPeers.dir().resolve("bin/helm-" + helmVersion);
        if (!Files.isExecutable(helm)) {
          throw new IllegalStateException(helm + " is missing: run `bash testpeers/fetch-gitops`");
        }
        Files.createSymbolicLink(helmDir.resolve("helm"), helm);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Through bash, so that helm and sealwright are looked up on the PATH set below.
    List<String> viaPath = new ArrayList<>(List.of("bash", "-c", "exec \"$@\"", "run"));
    viaPath.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(viaPath).directory(cwd.toFile());
    Map<String, String> e = pb.environment();
    e.put("PATH", helmDir + ":" + ROOT.resolve("bin") + ":" + System.getenv("PATH"));
    e.put("HOME", dir.toString());
    Path home = dir.resolve("helm-home-" + helmVersion);
    e.put("HELM_CACHE_HOME", home.resolve("cache").toString());
    e.put("HELM_CONFIG_HOME", home.resolve("config").toString());
    e.put("HELM_DATA_HOME", home.resolve("data").toString());
    e.remove("KUBECONFIG");
    e.remove("SEALWRIGHT_IDENTITY");
    e.putAll(env);
    ChildProcesses.Result r = ChildProcesses.run(pb, null, Duration.ofMinutes(3));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  private Run ok(String helmVersion, List<String> command) {
    Run r = sh(helmVersion, command, Map.of());
    assertThat(r.exit()).as("%s\n%s%s", command, r.out(), r.err()).isZero();
    return r;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : YamlDocuments.load(yaml, "rendered")) {
      docs.add((Map<String, Object>) doc);
    }
    return docs;
  }

  private static Map<String, Object> ofKind(String yaml, String kind) {
    return documents(yaml).stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in\n" + yaml));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> map, String key) {
    return (Map<String, Object>) map.get(key);
  }

  /** {@code sealedSecrets.db} of {@code file}, opened for prod/db, is {@link #PLAINTEXT}. */
  private void assertSealedSecretsDbOpensToPlaintext(String helm, String file) {
    Run opened =
        ok(
            helm,
            List.of(
                "sealwright",
                "values",
                "unseal",
                file,
                "-n",
                "prod",
                "--name",
                "db",
                "-i",
                "key.txt"));
    assertThat(child(child(documents(opened.out()).getFirst(), "sealedSecrets"), "db"))
        .isEqualTo(PLAINTEXT);
  }

  private void assertNoPlaintext(String text) {
    for (String value : PLAINTEXT.values()) {
      if (value.length() > 4) {
        assertThat(text).doesNotContain(value.strip());
      }
    }
  }

  @Test
  void safePath_docsSnippet_rendersSealedSecretWithTheEnvelopes_noPlaintextAnywhere()
      throws Exception {
    Files.writeString(dir.resolve("values.sealed.yaml"), valuesUnder("sealedSecrets", "db"));

    ok(HELM4, DocSnippets.page("gitops.md").bashCommand("helm-safe-path"));

    String sealed = Files.readString(dir.resolve("values.sealed.yaml"));
    String rendered = Files.readString(dir.resolve("rendered.yaml"));
    Map<String, Object> ss = ofKind(rendered, "SealedSecret");
    assertThat(ss.get("apiVersion")).isEqualTo("sealwright.dev/v1");
    assertThat(child(ss, "metadata"))
        .containsEntry("name", "db")
        .containsEntry("namespace", "prod");
    assertThat(child(ss, "spec")).containsEntry("scope", "strict");
    assertThat(child(child(ss, "spec"), "encryptedData"))
        .isEqualTo(child(child(documents(sealed).getFirst(), "sealedSecrets"), "db"));
    assertNoPlaintext(sealed);
    assertNoPlaintext(rendered);
    // The envelopes open with the binding the docs sealed them for, to the exact bytes.
    assertSealedSecretsDbOpensToPlaintext(HELM4, "values.sealed.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {HELM4, HELM3})
  void plugin_docsSnippets_templateOpensEveryValueByteForByte(String helm) throws Exception {
    Files.writeString(dir.resolve("secrets.sealed.yaml"), valuesUnder("secrets", "db"));
    ok(helm, List.of("helm", "dependency", "build", "./chart"));

    ok(helm, DocSnippets.page("gitops.md").bashCommand("helm-plugin-install"));
    ok(helm, DocSnippets.page("gitops.md").bashCommand("helm-plugin-template"));

    assertNoPlaintext(Files.readString(dir.resolve("secrets.sealed.yaml")));
    Map<String, Object> secret = ofKind(Files.readString(dir.resolve("rendered.yaml")), "Secret");
    Map<String, Object> data = child(secret, "data");
    assertThat(data).containsOnlyKeys(PLAINTEXT.keySet());
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      assertThat(Base64.getDecoder().decode((String) data.get(e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * deploy/argocd/cmp-sealwright-helm.yaml's init and generate, run as Argo CD's cmp-server runs
   * them: in the application's folder (the chart), with the Application's plugin env as {@code
   * ARGOCD_ENV_*} and the sidecar's identity; the manifests on standard output.
   */
  @Test
  void argoCdPlugin_generateInTheChartFolder_opensTheValuesByteForByte() throws Exception {
    Path chart = dir.resolve("chart");
    Files.writeString(chart.resolve("secrets.sealed.yaml"), valuesUnder("secrets", "db"));
    ok(HELM4, DocSnippets.page("gitops.md").bashCommand("helm-plugin-install"));
    ok(
        HELM4,
        List.of(
            "sealwright",
            "values",
            "seal",
            "chart/secrets.sealed.yaml",
            "--path",
            "secrets.db",
            "-n",
            "prod",
            "--name",
            "db",
            "-R",
            "recipients.txt"));
    Map<String, String> env =
        Map.of(
            "ARGOCD_APP_NAME", "app",
            "ARGOCD_APP_NAMESPACE", "prod",
            "ARGOCD_ENV_SEALED_VALUES", "secrets.sealed.yaml",
            "ARGOCD_ENV_SECRET_NAME", "db",
            "SEALWRIGHT_IDENTITY", dir.resolve("key.txt").toString());

    Run init = sh(HELM4, chart, ArgoCdPlugins.init("cmp-sealwright-helm.yaml"), env);
    assertThat(init.exit()).as(init.err()).isZero();
    Run generate = sh(HELM4, chart, ArgoCdPlugins.generate("cmp-sealwright-helm.yaml"), env);

    assertThat(generate.exit()).as(generate.err()).isZero();
    assertNoPlaintext(Files.readString(chart.resolve("secrets.sealed.yaml")));
    Map<String, Object> data = child(ofKind(generate.out(), "Secret"), "data");
    assertThat(data).containsOnlyKeys(PLAINTEXT.keySet());
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      assertThat(Base64.getDecoder().decode((String) data.get(e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {HELM4, HELM3})
  void migration_fromHelmSecrets_docsSnippet_sealsInPlaceAndRendersTheSameValues(String helm)
      throws Exception {
    // What `sops --decrypt` (or `helm secrets decrypt`) of the helm-secrets file gave.
    Files.writeString(dir.resolve("secrets.yaml"), valuesUnder("secrets", "db"));
    ok(helm, List.of("helm", "dependency", "build", "./chart"));
    ok(helm, DocSnippets.page("gitops.md").bashCommand("helm-plugin-install"));

    Run r = ok(helm, DocSnippets.page("migration.md").bashCommand("helm-secrets-move"));

    assertNoPlaintext(Files.readString(dir.resolve("secrets.yaml")));
    Map<String, Object> data = child(ofKind(r.out(), "Secret"), "data");
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      assertThat(
              new String(
                  Base64.getDecoder().decode((String) data.get(e.getKey())),
                  StandardCharsets.UTF_8))
          .isEqualTo(e.getValue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {HELM4, HELM3})
  void migration_fromHelmSecrets_importSops_rendersTheSameValues_thenTheSafePath(String helm)
      throws Exception {
    // The helm-secrets file as it is in Git: encrypted by the real sops to an age key.
    SopsPeer sops = SopsPeer.in(dir);
    String helmSecrets =
        Files.readString(sops.encrypt("secrets.yaml", valuesUnder("secrets", "db")));
    assertThat(helmSecrets).contains("ENC[AES256_GCM,", "type:comment]");
    assertNoPlaintext(helmSecrets);
    ok(helm, List.of("helm", "dependency", "build", "./chart"));
    ok(helm, DocSnippets.page("gitops.md").bashCommand("helm-plugin-install"));

    Run r =
        sh(
            helm,
            DocSnippets.page("migration.md").bashCommand("helm-secrets-import"),
            Map.of("SOPS_AGE_KEY_FILE", sops.identity.toString()));

    assertThat(r.exit()).as(r.err()).isZero();
    String sealed = Files.readString(dir.resolve("secrets.sealed.yaml"));
    assertNoPlaintext(sealed);
    assertThat(sealed).doesNotContain("sops", "ENC[", "chart values");
    Map<String, Object> data = child(ofKind(r.out(), "Secret"), "data");
    assertThat(data).containsOnlyKeys(PLAINTEXT.keySet());
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      assertThat(Base64.getDecoder().decode((String) data.get(e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue().getBytes(StandardCharsets.UTF_8));
    }

    ok(helm, DocSnippets.page("migration.md").bashCommand("helm-secrets-safe"));

    String rendered = Files.readString(dir.resolve("rendered.yaml"));
    assertNoPlaintext(rendered);
    assertThat(documents(rendered)).noneMatch(d -> "Secret".equals(d.get("kind")));
    Map<String, Object> spec = child(ofKind(rendered, "SealedSecret"), "spec");
    String moved = Files.readString(dir.resolve("secrets.sealed.yaml"));
    assertThat(child(spec, "encryptedData"))
        .isEqualTo(child(child(documents(moved).getFirst(), "sealedSecrets"), "db"));
    assertSealedSecretsDbOpensToPlaintext(helm, "secrets.sealed.yaml");
  }

  /**
   * Seeded random strings over YAML's special characters and all of Unicode, as the manifest
   * writer's round-trip test draws them: what {@code values unseal} writes, Go's YAML reader in
   * Helm must read back to the same bytes.
   */
  @Test
  void plugin_randomUnicodeValues_reachTheRenderedSecretByteForByte() throws Exception {
    String specials = " \n\t\r:#-|>'\"{}[]&*!%@`,?=~.\\\u0085\u00a0\u2028\ufeff\ufffe";
    Map<String, String> values = new java.util.TreeMap<>();
    for (int seed = 0; seed < 60; seed++) {
      java.util.Random r = new java.util.Random(seed);
      StringBuilder sb = new StringBuilder();
      for (int i = r.nextInt(30); i > 0; i--) {
        switch (r.nextInt(4)) {
          case 0 -> sb.append(specials.charAt(r.nextInt(specials.length())));
          case 1 -> {
            int cp;
            do {
              cp = r.nextInt(0x110000);
            } while (cp >= 0xd800 && cp <= 0xdfff);
            sb.appendCodePoint(cp);
          }
          default -> sb.append((char) ('a' + r.nextInt(26)));
        }
      }
      values.put("v" + seed, sb.toString());
    }
    StringBuilder file = new StringBuilder("secrets:\n  db:\n");
    values.forEach(
        (k, v) -> file.append("    ").append(k).append(": ").append(json(v)).append('\n'));
    Files.writeString(dir.resolve("secrets.sealed.yaml"), file.toString());
    ok(HELM4, List.of("helm", "dependency", "build", "./chart"));
    ok(HELM4, DocSnippets.page("gitops.md").bashCommand("helm-plugin-install"));

    ok(HELM4, DocSnippets.page("gitops.md").bashCommand("helm-plugin-template"));

    Map<String, Object> data =
        child(ofKind(Files.readString(dir.resolve("rendered.yaml")), "Secret"), "data");
    for (Map.Entry<String, String> e : values.entrySet()) {
      assertThat(Base64.getDecoder().decode((String) data.get(e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  private Run template(String url, Map<String, String> env) {
    return sh(HELM4, List.of("helm", "template", "app", "./chart", "-n", "prod", "-f", url), env);
  }

  @Test
  void plugin_refusesPathsBindingsAndIdentitiesItCannotTrust() throws Exception {
    Files.writeString(dir.resolve("secrets.sealed.yaml"), valuesUnder("secrets", "db"));
    ok(HELM4, List.of("helm", "dependency", "build", "./chart"));
    ok(HELM4, DocSnippets.page("gitops.md").bashCommand("helm-plugin-install"));
    ok(
        HELM4,
        List.of(
            "sealwright",
            "values",
            "seal",
            "secrets.sealed.yaml",
            "-p",
            "secrets",
            "-n",
            "prod",
            "--name",
            "db",
            "-R",
            "recipients.txt"));
    Files.createDirectories(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("link.yaml"), dir.resolve("secrets.sealed.yaml"));
    Files.createSymbolicLink(dir.resolve("linkdir"), dir);
    Map<String, String> identity = Map.of("SEALWRIGHT_IDENTITY", dir.resolve("key.txt").toString());
    String q = "?namespace=prod&name=db";

    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put("sealwright://" + dir.resolve("secrets.sealed.yaml") + q, "absolute path");
    refusals.put("sealwright://sub/../secrets.sealed.yaml" + q, "leaves the directory with ..");
    refusals.put("sealwright://link.yaml" + q, "link.yaml is a symbolic link");
    refusals.put("sealwright://linkdir/secrets.sealed.yaml" + q, "linkdir is a symbolic link");
    refusals.put("sealwright://secrets.sealed.yaml?namespace=prod&name=other", "bound elsewhere");
    refusals.put(
        "sealwright://secrets.sealed.yaml?namespace=prod&name=db&path=x",
        "unknown URL parameter 'path'");
    refusals.put(
        "sealwright://secrets.sealed.yaml?namespace=Prod;rm&name=db", "needs a Kubernetes name");
    for (Map.Entry<String, String> e : refusals.entrySet()) {
      Run r = template(e.getKey(), identity);
      assertThat(r.exit()).as(e.getKey()).isNotZero();
      assertThat(r.err()).as(e.getKey()).contains(e.getValue());
      assertThat(r.out()).as(e.getKey()).doesNotContain("kind: Secret");
      assertNoPlaintext(r.out() + r.err());
    }

    Run noIdentity = template("sealwright://secrets.sealed.yaml" + q, Map.of());
    assertThat(noIdentity.exit()).isNotZero();
    assertThat(noIdentity.err()).contains("SEALWRIGHT_IDENTITY is not set");

    Run allowed =
        template(
            "sealwright://link.yaml" + q,
            Map.of(
                "SEALWRIGHT_IDENTITY",
                dir.resolve("key.txt").toString(),
                "SEALWRIGHT_HELM_ALLOW_SYMLINKS",
                "true"));
    assertThat(allowed.exit()).as(allowed.err()).isZero();
    assertThat(ofKind(allowed.out(), "Secret")).isNotNull();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
