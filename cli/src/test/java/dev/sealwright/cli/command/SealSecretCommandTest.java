package dev.sealwright.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.LineDiff;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealSecretCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
  }

  static String open(SealedSecret s, String item, Path identity) throws Exception {
    Keyring keyring = Keyring.of(AgeKeys.parseIdentities(Files.readString(identity)));
    return new String(
        Sealer.open(s.encryptedData().get(item), s.binding(item), keyring).toByteArray(),
        StandardCharsets.UTF_8);
  }

  @Test
  void seal_secretFromStdin_opensWithCoreApiForEveryItem() throws Exception {
    var r = cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient");

    SealedSecret s = SealedSecretReader.readOne(r.out(), "out");
    assertThat(s.encryptedData()).containsOnlyKeys("password", "port", "username");
    assertThat(open(s, "password", dir.resolve("cluster.txt"))).isEqualTo("hunter2");
    assertThat(open(s, "username", dir.resolve("cluster.txt"))).isEqualTo("app");
    assertThat(open(s, "port", dir.resolve("cluster.txt"))).isEqualTo("5432");
    assertThat(r.err())
        .as("one line naming key ids, scope and where the recipients came from")
        .isEqualTo(
            "sealwright: sealing to key ids ee95f62ebb69f30b with scope strict; recipients from"
                + " --recipient/--recipients-file\n");
  }

  @Test
  void seal_kubectlOutput_dropsLastAppliedAndServerFieldsAndLeaksNoPlaintext() {
    var r = cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient");

    assertThat(r.out())
        .doesNotContain(
            "hunter2",
            "last-applied",
            "uid",
            "resourceVersion",
            "managedFields",
            "creationTimestamp")
        .contains(
            "  template:\n    metadata:\n      labels:\n        app: db\n      annotations:\n        owner: payments\n    type: Opaque\n");
  }

  @Test
  void seal_canonicalLayout_isExactlyTheDocumentedShape() {
    var r = cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient");

    String normalized =
        r.out()
            .replaceAll(":[A-Za-z0-9+/=]{100,}", ":<age>")
            .replaceAll(":<age>:[A-Za-z0-9+/]{43}=\n", ":<age>:<value tag>\n");
    assertThat(normalized)
        .isEqualTo(
            """
            apiVersion: sealwright.dev/v1
            kind: SealedSecret
            metadata:
              name: db
              namespace: prod
            spec:
              scope: strict
              encryptedData:
                password: sw1:strict::ee95f62ebb69f30b:<age>:<value tag>
                port: sw1:strict::ee95f62ebb69f30b:<age>:<value tag>
                username: sw1:strict::ee95f62ebb69f30b:<age>:<value tag>
              template:
                metadata:
                  labels:
                    app: db
                  annotations:
                    owner: payments
                type: Opaque
            """);
  }

  @Test
  void seal_twoRecipientsAndScopeNamespace_namesBothKeyIdsAndScope() {
    var r =
        cli.stdin(Fixtures.SECRET_YAML)
            .ok(
                "seal",
                "-R",
                "cluster.recipient",
                "-R",
                "breakglass.recipient",
                "--scope",
                "namespace");

    SealedSecret s = SealedSecretReader.readOne(r.out(), "out");
    assertThat(s.scope()).isEqualTo(Scope.NAMESPACE);
    assertThat(s.encryptedData().get("password"))
        .startsWith(
            "sw1:namespace::" + Fixtures.CLUSTER_KEY_ID + "," + Fixtures.BREAKGLASS_KEY_ID + ":");
  }

  @Test
  void seal_multiDocumentJsonAndYaml_writesOneSealedSecretPerSecret() {
    String json =
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"api\",\"namespace\":\"prod\"},"
            + "\"data\":{\"token\":\"dG9rZW4=\"}}";
    var r =
        cli.stdin(Fixtures.SECRET_YAML + "---\n" + json + "\n")
            .ok("seal", "-R", "cluster.recipient");

    assertThat(SealedSecretReader.read(r.out(), "out"))
        .extracting(s -> s.meta().name())
        .containsExactly("db", "api");
    assertThat(r.out()).contains("\n---\n");
  }

  @Test
  void seal_outputJson_isJsonThatReadsBack() throws Exception {
    var r = cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient", "-o", "json");

    assertThat(r.out()).startsWith("{\n  \"apiVersion\": \"sealwright.dev/v1\",");
    SealedSecret s = SealedSecretReader.readOne(r.out(), "out");
    assertThat(open(s, "password", dir.resolve("cluster.txt"))).isEqualTo("hunter2");
  }

  @Test
  void seal_fileAndMissingNamespaceFilledByFlag_bindsThatNamespace() throws Exception {
    cli.write(
        "s.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  a: b\n");
    var r = cli.ok("seal", "-f", "s.yaml", "-n", "staging", "-r", Fixtures.recipient("cluster"));

    SealedSecret s = SealedSecretReader.readOne(r.out(), "out");
    assertThat(s.meta().namespace()).isEqualTo("staging");
    assertThat(open(s, "a", dir.resolve("cluster.txt"))).isEqualTo("b");
  }

  @Test
  void seal_mergeIntoExistingFile_changesOnlyTheGivenItemsLines() {
    cli.write(
        "db.yaml", cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient").out());
    String before = cli.read("db.yaml");

    cli.stdin(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\n"
                + "stringData:\n  password: n3w\n  api-key: k\n")
        .ok("seal", "--merge-into", "db.yaml", "-R", "cluster.recipient");

    LineDiff diff = LineDiff.of(before, cli.read("db.yaml"));
    assertThat(LineDiff.itemsOf(diff.removed())).containsExactly("password");
    assertThat(LineDiff.itemsOf(diff.added())).containsExactlyInAnyOrder("api-key", "password");
  }

  @Test
  void seal_mergeIntoOtherSecret_isRefusedAndLeavesFileUnchanged() {
    cli.write(
        "db.yaml", cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient").out());
    String before = cli.read("db.yaml");

    var r =
        cli.stdin(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\n  namespace: prod\nstringData:\n  a: b\n")
            .run("seal", "--merge-into", "db.yaml", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("sealwright: error: the Secret is prod/other but db.yaml holds prod/db\n");
    assertThat(cli.read("db.yaml")).isEqualTo(before);
  }

  @Test
  void seal_mixedPostQuantumAndClassicRecipients_isUsageError() {
    var r =
        cli.stdin(Fixtures.SECRET_YAML)
            .run("seal", "-R", "cluster.recipient", "-R", "classic.recipient");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("sealwright: error: the recipients mix post-quantum");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void seal_classicRecipientOnly_sealsAndInspectSaysNotPostQuantum() {
    var sealed = cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "classic.recipient").out();
    cli.write("c.yaml", sealed);

    assertThat(cli.ok("inspect", "c.yaml").out()).contains("X25519 (NOT post-quantum)");
  }

  @Test
  void seal_kubectlListWithImmutableSecret_keepsImmutableInTheTemplate() {
    String list =
        "apiVersion: v1\nkind: List\nitems:\n"
            + "  - apiVersion: v1\n    kind: Secret\n    metadata: {name: a, namespace: prod}\n"
            + "    immutable: true\n    type: kubernetes.io/basic-auth\n"
            + "    stringData: {username: u, password: p}\n";

    var r = cli.stdin(list).ok("seal", "-f", "-", "-R", "cluster.recipient");

    SealedSecret s = SealedSecretReader.readOne(r.out(), "out");
    assertThat(s.template().immutable()).isTrue();
    assertThat(s.template().type()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(r.out()).contains("    type: kubernetes.io/basic-auth\n    immutable: true\n");
  }

  @Test
  void seal_emptyInput_saysThereIsNoSecret() {
    var r = cli.stdin("# nothing\n").run("seal", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("sealwright: error: standard input holds no Secret\n");
  }

  @Test
  void seal_valuesThatLookLikeNumbersOrBooleans_stayExactStrings() throws Exception {
    var r =
        cli.stdin(
                "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\n"
                    + "stringData:\n  port: 0123\n  flag: on\n  date: 2026-01-01\n")
            .ok("seal", "-R", "cluster.recipient");

    SealedSecret s = SealedSecretReader.readOne(r.out(), "out");
    Path key = dir.resolve("cluster.txt");
    assertThat(open(s, "port", key)).isEqualTo("0123");
    assertThat(open(s, "flag", key)).isEqualTo("on");
    assertThat(open(s, "date", key)).isEqualTo("2026-01-01");
  }
}
