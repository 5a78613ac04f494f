package dev.sealwright.cli.migrate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.testing.KubesealInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import kubeseal} on SealedSecrets written by the real kubeseal v0.27.1, checked by
 * unsealing the result with the CLI: every value must come back byte for byte.
 */
class ImportKubesealCommandTest {
  @TempDir static Path keysDir;
  private static KubesealInputs kubeseal;
  private static KubesealInputs otherController;

  /** Every byte value, so no encoding step can go unnoticed. */
  private static final byte[] BINARY = new byte[256];

  static {
    for (int i = 0; i < BINARY.length; i++) {
      BINARY[i] = (byte) i;
    }
  }

  @TempDir Path dir;
  Cli cli;

  @BeforeAll
  static void controllerKeys() throws IOException {
    kubeseal = KubesealInputs.withNewKey(keysDir, 2048);
    otherController =
        KubesealInputs.withNewKey(Files.createDirectories(keysDir.resolve("other")), 2048);
  }

  @BeforeEach
  void setUp() throws IOException {
    Fixtures.keys(dir);
    Files.copy(kubeseal.key(), dir.resolve("keys.pem"));
    cli = Cli.in(dir);
  }

  private static Map<String, byte[]> data(String... keysAndValues) {
    Map<String, byte[]> data = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put(keysAndValues[i], keysAndValues[i + 1].getBytes(UTF_8));
    }
    return data;
  }

  /**
   * {@code import kubeseal} with the controller's keys and the cluster recipient, then {@code
   * args}.
   */
  private static String[] importing(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(
        new String[] {"import", "kubeseal", "--keys", "keys.pem", "-R", "cluster.recipient"},
        0,
        all,
        0,
        6);
    System.arraycopy(args, 0, all, 6, args.length);
    return all;
  }

  private String unsealed(String file) {
    return cli.ok("unseal", "-f", file, "-i", "cluster.txt").out();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  @Test
  void import_multiDocumentFileOfAllThreeScopes_unsealsByteExactWithSameNamesAndScopes() {
    Map<String, byte[]> strictData = data("password", "hunter2", "user", "app");
    strictData.put("blob", BINARY);
    String strict =
        kubeseal.seal(
            "prod", "db", strictData, ",\"type\":\"kubernetes.io/basic-auth\",\"immutable\":true");
    String namespaceWide =
        kubeseal.seal("prod", "shared", data("token", "t0k"), "", "--scope", "namespace-wide");
    String clusterWide =
        kubeseal.seal("prod", "global", data("ca", "ca-bytes"), "", "--scope", "cluster-wide");
    cli.write(
        "secrets.yaml",
        strict
            + "---\n"
            + namespaceWide
            + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n---\n"
            + clusterWide);

    var r = cli.ok(importing("secrets.yaml"));

    String converted = cli.read("secrets.sealwright.yaml");
    assertThat(converted)
        .contains("apiVersion: sealwright.dev/v1")
        .contains("scope: strict")
        .contains("scope: namespace")
        .contains("scope: cluster")
        .contains("type: kubernetes.io/basic-auth")
        .contains("immutable: true")
        .contains("sealwright.dev/adopt-bitnami: \"true\"")
        .doesNotContain("bitnami.com");
    String secrets = unsealed("secrets.sealwright.yaml");
    assertThat(secrets)
        .contains(
            """
            metadata:
              name: db
              namespace: prod
            type: kubernetes.io/basic-auth
            immutable: true
            data:
              blob: %s
              password: %s
              user: %s
            """
                .formatted(Base64.getEncoder().encodeToString(BINARY), b64("hunter2"), b64("app")))
        .contains("  name: shared\n  namespace: prod\ntype: Opaque\ndata:\n  token: " + b64("t0k"))
        .contains(
            "  name: global\n  namespace: prod\ntype: Opaque\ndata:\n  ca: " + b64("ca-bytes"));
    assertThat(r.out())
        .contains("converted  secrets.yaml, document 1 (prod/db): strict scope, 3 items")
        .contains("converted  secrets.yaml, document 2 (prod/shared): namespace scope, 1 item")
        .contains("skipped    secrets.yaml, document 3: a ConfigMap, not a SealedSecret")
        .contains("converted  secrets.yaml, document 4 (prod/global): cluster scope, 1 item")
        .contains("wrote      secrets.sealwright.yaml")
        .endsWith("import kubeseal: 3 converted, 1 skipped, 0 failed; 1 file written\n");
  }

  @Test
  void import_templateMetadataAndBitnamiAnnotations_carryOverOrMapToSealwright() {
    String sealed =
        kubeseal.seal(
            "apps",
            "web",
            data("key", "v"),
            ",\"metadata\":{\"name\":\"web\",\"namespace\":\"apps\",\"labels\":{\"app\":\"web\"},"
                + "\"annotations\":{\"team\":\"payments\","
                + "\"sealedsecrets.bitnami.com/patch\":\"true\","
                + "\"sealedsecrets.bitnami.com/skip-set-owner-references\":\"true\","
                + "\"sealedsecrets.bitnami.com/managed\":\"true\"}}");
    cli.write("web.yaml", sealed);

    var r = cli.ok(importing("web.yaml"));

    String converted = cli.read("web.sealwright.yaml");
    assertThat(converted)
        .contains(
            """
            metadata:
              name: web
              namespace: apps
              labels:
                sealwright.dev/patch: "true"
              annotations:
                sealwright.dev/adopt-bitnami: "true"
                sealwright.dev/keep-secret: "true"
            """)
        .contains(
            """
                metadata:
                  labels:
                    app: web
                  annotations:
                    team: payments
            """)
        .doesNotContain("sealedsecrets.bitnami.com");
    assertThat(r.out())
        .contains("patch: merges into the existing Secret (label sealwright.dev/patch)")
        .contains("no owner reference: the Secret outlives it (sealwright.dev/keep-secret)")
        .contains(
            "dropped spec.template.metadata.annotations.sealedsecrets.bitnami.com/managed (Bitnami only)");
    assertThat(unsealed("web.sealwright.yaml")).contains("  key: " + b64("v"));
  }

  @Test
  void import_directory_convertsRecursivelyIntoOutputDirAndSkipsOthers() throws IOException {
    Files.createDirectories(dir.resolve("repo/apps/db"));
    Files.createDirectories(dir.resolve("repo/.git"));
    cli.write("repo/apps/db/sealed.yaml", kubeseal.seal("prod", "db", data("pw", "1"), ""));
    cli.write("repo/top.yml", kubeseal.seal("prod", "top", data("pw", "2"), ""));
    cli.write("repo/.git/hidden.yaml", kubeseal.seal("prod", "hidden", data("pw", "3"), ""));
    cli.write("repo/readme.txt", "not a manifest");
    cli.write("repo/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n");
    cli.write(
        "repo/apps/already.yaml",
        cli.ok("create", "sw", "-n", "prod", "--from-literal", "a=b", "-R", "cluster.recipient")
            .out());

    var r = cli.ok(importing("--output-dir", "out", "repo"));

    assertThat(unsealed("out/apps/db/sealed.yaml")).contains("  pw: " + b64("1"));
    assertThat(unsealed("out/top.yml")).contains("  pw: " + b64("2"));
    assertThat(dir.resolve("out/.git")).doesNotExist();
    assertThat(dir.resolve("out/deploy.yaml")).doesNotExist();
    assertThat(dir.resolve("out/apps/already.yaml")).doesNotExist();
    assertThat(r.out())
        .contains("skipped    repo/apps/already.yaml: already a Sealwright SealedSecret")
        .contains("skipped    repo/deploy.yaml: a Deployment, not a SealedSecret")
        .contains("wrote      out/apps/db/sealed.yaml")
        .contains("wrote      out/top.yml")
        .endsWith("import kubeseal: 2 converted, 2 skipped, 0 failed; 2 files written\n");
  }

  @Test
  void import_valueSealedToAnotherController_failsNamingTheItemAndWritesNothingForThatFile() {
    cli.write(
        "mixed.yaml",
        kubeseal.seal("prod", "ok", data("a", "1"), "")
            + "---\n"
            + otherController.seal("prod", "foreign", data("token", "x"), ""));
    cli.write("good.yaml", kubeseal.seal("prod", "good", data("a", "1"), ""));

    var r = cli.run(importing("mixed.yaml", "good.yaml"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "failed     mixed.yaml, document 2 (prod/foreign): item 'token' does not open with the"
                + " given keys")
        .contains("not written mixed.yaml: it holds a SealedSecret that did not convert")
        .contains("wrote      good.sealwright.yaml")
        .endsWith("import kubeseal: 2 converted, 0 skipped, 1 failed; 1 file written\n");
    assertThat(dir.resolve("mixed.sealwright.yaml")).doesNotExist();
  }

  @Test
  void import_templateData_isReportedUnsupported() {
    String sealed =
        kubeseal
            .seal("prod", "tpl", data("user", "u"), "")
            .replace("  template:\n", "  template:\n    data:\n      url: 'x://{{ .user }}'\n");
    cli.write("tpl.yaml", sealed);

    var r = cli.run(importing("tpl.yaml"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "failed     tpl.yaml (prod/tpl): spec.template.data (Go templates over the values) is not"
                + " supported");
    assertThat(dir.resolve("tpl.sealwright.yaml")).doesNotExist();
  }

  @Test
  void import_existingTarget_isRefusedWithExit3UnlessOverwrite() {
    cli.write("db.yaml", kubeseal.seal("prod", "db", data("a", "1"), ""));
    cli.write("db.sealwright.yaml", "keep me");

    var refused = cli.run(importing("db.yaml"));

    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err())
        .contains("sealwright: error: db.sealwright.yaml already exists; nothing was written");
    assertThat(cli.read("db.sealwright.yaml")).isEqualTo("keep me");

    cli.ok(importing("--overwrite", "db.yaml"));
    assertThat(unsealed("db.sealwright.yaml")).contains("  a: " + b64("1"));
  }

  @Test
  void import_recipientsFromRepoConfig_announcesTheRule() throws IOException {
    Files.writeString(
        dir.resolve(".sealwright.yaml"),
        "rules:\n  - recipients: [" + cli.read("cluster.recipient").strip() + "]\n");
    cli.write("db.yaml", kubeseal.seal("prod", "db", data("a", "1"), ""));

    var r = cli.ok("import", "kubeseal", "--keys", "keys.pem", "db.yaml");

    assertThat(r.err()).contains("sealwright: sealing to key ids " + Fixtures.CLUSTER_KEY_ID);
    assertThat(r.err()).contains("with scope strict; recipients from rule 1 of");
    assertThat(unsealed("db.sealwright.yaml")).contains("  a: " + b64("1"));
  }

  @Test
  void import_keysFileWithoutKey_failsWithHint() {
    cli.write("keys.pem", "no key here\n");
    cli.write("db.yaml", kubeseal.seal("prod", "db", data("a", "1"), ""));

    var r = cli.run(importing("db.yaml"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("sealwright: error: keys.pem holds no usable Sealed Secrets controller key")
        .contains("hint: export every tls.key");
  }

  @Test
  void import_noBitnamiObject_failsNamingThePaths() {
    cli.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");

    var r = cli.run(importing("cm.yaml"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("no Bitnami SealedSecret (apiVersion: bitnami.com/v1alpha1) in cm.yaml");
  }

  @Test
  void import_jsonInput_isWrittenAsJson() {
    cli.write("db.json", kubeseal.sealJson("prod", "db", data("a", "1"), ""));

    cli.ok(importing("db.json"));

    assertThat(cli.read("db.sealwright.json")).startsWith("{").contains("\"scope\": \"strict\"");
    assertThat(unsealed("db.sealwright.json")).contains("  a: " + b64("1"));
  }

  @Test
  void import_withoutSubcommand_printsUsageWithExit2() {
    var r = cli.run("import");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("kubeseal").contains("Convert Bitnami Sealed Secrets");
  }
}
