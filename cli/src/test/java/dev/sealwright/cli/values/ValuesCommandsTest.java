package dev.sealwright.cli.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.YamlDocuments;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code values seal}, {@code edit} and {@code unseal} through the real command line. */
class ValuesCommandsTest {
  static final String VALUES =
      """
      # app values
      replicaCount: 2

      secrets:
        # rotated 2026-01
        password: "hunter2 with spaces"
        token: t0ken   # api
        port: "5432"
      other:
        password: not-selected
      """;

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
    cli.write("values.yaml", VALUES);
  }

  /**
   * {@code values COMMAND FILE EXTRA...} with the binding these tests seal for ({@code -n prod
   * --name app}) and the recipients or identity the command needs.
   */
  private static String[] values(String command, String file, String... extra) {
    List<String> args = new ArrayList<>(List.of("values", command, file));
    args.addAll(List.of(extra));
    args.addAll(List.of("-n", "prod", "--name", "app"));
    if (!command.equals("unseal")) {
      args.addAll(List.of("-R", "cluster.recipient"));
    }
    if (!command.equals("seal")) {
      args.addAll(List.of("-i", "cluster.txt"));
    }
    return args.toArray(String[]::new);
  }

  private Cli.Result seal() {
    return cli.ok(values("seal", "values.yaml", "-p", "secrets"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String yaml, String key) {
    Map<String, Object> root = (Map<String, Object>) YamlDocuments.load(yaml, "t").getFirst();
    return (Map<String, Object>) root.get(key);
  }

  private String openWithCore(String envelope, String item, String namespace, String name)
      throws Exception {
    Keyring keyring =
        Keyring.of(AgeKeys.parseIdentities(Files.readString(dir.resolve("cluster.txt"))));
    Binding b =
        Binding.builder().scope(Scope.STRICT).namespace(namespace).name(name).item(item).build();
    return new String(Sealer.open(envelope, b, keyring).toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void seal_selectedLeaves_becomeEnvelopesBoundToTheirKey_restKeptByteForByte() throws Exception {
    var r = seal();

    String sealed = cli.read("values.yaml");
    Map<String, Object> secrets = map(sealed, "secrets");
    assertThat(secrets.values()).allSatisfy(v -> assertThat((String) v).startsWith("sw1:"));
    assertThat(openWithCore((String) secrets.get("password"), "password", "prod", "app"))
        .isEqualTo("hunter2 with spaces");
    assertThat(openWithCore((String) secrets.get("port"), "port", "prod", "app")).isEqualTo("5432");
    String expected =
        VALUES
            .replace("\"hunter2 with spaces\"", (String) secrets.get("password"))
            .replace("t0ken", (String) secrets.get("token"))
            .replace("\"5432\"", (String) secrets.get("port"));
    assertThat(sealed).isEqualTo(expected);
    assertThat(r.err())
        .contains("sealing to key ids " + Fixtures.CLUSTER_KEY_ID + " with scope strict")
        .endsWith(
            "sealwright: sealed secrets.password, secrets.token, secrets.port in values.yaml\n");
  }

  @Test
  void seal_twice_leavesEnvelopesAlone() {
    seal();
    String once = cli.read("values.yaml");

    var r = seal();

    assertThat(cli.read("values.yaml")).isEqualTo(once);
    assertThat(r.err()).isEqualTo("sealwright: nothing to seal; values.yaml unchanged\n");
  }

  @Test
  void seal_newLeafBesideSealedOnes_sealsOnlyTheNewLeaf() {
    seal();
    String once = cli.read("values.yaml");
    cli.write("values.yaml", once + "  extra: added\n".replace("  extra", "extra"));
    cli.write("values.yaml", once.replace("  port:", "  extra: added\n  port:"));

    seal();

    String twice = cli.read("values.yaml");
    Map<String, Object> before = map(once, "secrets");
    Map<String, Object> after = map(twice, "secrets");
    assertThat(after).containsAllEntriesOf(before).containsKey("extra");
    assertThat((String) after.get("extra")).startsWith("sw1:");
  }

  @Test
  void unseal_printsTheFileWithPlaintextInPlace_exactValues() {
    seal();

    var r = cli.ok(values("unseal", "values.yaml"));

    assertThat(r.out())
        .isEqualTo(
            VALUES
                .replace("\"hunter2 with spaces\"", "\"hunter2 with spaces\"")
                .replace("\"5432\"", "\"5432\""));
    assertThat(map(r.out(), "secrets"))
        .containsEntry("password", "hunter2 with spaces")
        .containsEntry("token", "t0ken")
        .containsEntry("port", "5432");
  }

  @Test
  void unseal_otherNameThanSealed_failsOnTheBinding_printsNothing() {
    seal();

    var r =
        cli.run(
            "values",
            "unseal",
            "values.yaml",
            "-n",
            "prod",
            "--name",
            "other",
            "-i",
            "cluster.txt");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("password").doesNotContain("hunter2");
  }

  @Test
  void seal_leafInList_failsWithOneError_fileUntouched() {
    cli.write("values.yaml", "secrets:\n  hosts: [a, b]\n  password: p\n");

    var r = cli.run(values("seal", "values.yaml", "-p", "secrets"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("sealwright: error: values.yaml: 'secrets.hosts.0' is inside a list");
    assertThat(cli.read("values.yaml")).isEqualTo("secrets:\n  hosts: [a, b]\n  password: p\n");
  }

  @Test
  void seal_pathNamingNothing_orKeyThatIsNoItem_failsWithoutWriting() {
    var missing = cli.run(values("seal", "values.yaml", "-p", "secret"));
    cli.write("bad.yaml", "secrets:\n  \"bad key\": v\n");
    var badKey = cli.run(values("seal", "bad.yaml", "-p", "secrets"));
    var noPath = cli.run("values", "seal", "values.yaml", "-n", "prod", "--name", "app", "-R", "x");

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("--path 'secret' names no value in values.yaml");
    assertThat(badKey.exit()).isEqualTo(1);
    assertThat(badKey.err()).contains("item 'bad key'");
    assertThat(noPath.exit()).isEqualTo(2);
    assertThat(cli.read("values.yaml")).isEqualTo(VALUES);
    assertThat(cli.read("bad.yaml")).isEqualTo("secrets:\n  \"bad key\": v\n");
  }

  private String editor(String script) throws Exception {
    Path file = dir.resolve("ed.sh");
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file.toString();
  }

  private Cli.Result edit(String script) throws Exception {
    return Cli.in(dir).env("EDITOR", editor(script)).ok(values("edit", "values.yaml"));
  }

  @Test
  void edit_oneLeafChanged_resealsOnlyIt_othersKeepTheirEnvelopeBytes() throws Exception {
    seal();
    String before = cli.read("values.yaml");
    Map<String, Object> old = map(before, "secrets");

    var r = edit("sed -i 's/t0ken/n3w-token/' \"$1\"");

    String after = cli.read("values.yaml");
    Map<String, Object> now = map(after, "secrets");
    assertThat(now.get("password")).isEqualTo(old.get("password"));
    assertThat(now.get("port")).isEqualTo(old.get("port"));
    assertThat(now.get("token")).isNotEqualTo(old.get("token"));
    assertThat(after)
        .isEqualTo(before.replace((String) old.get("token"), (String) now.get("token")));
    assertThat(r.err()).endsWith("sealwright: changed secrets.token in values.yaml\n");
    assertThat(cli.ok(values("unseal", "values.yaml")).out()).contains("token: n3w-token   # api");
  }

  @Test
  void edit_valueAddedBesideSealedOnes_isSealed_plainValuesElsewhereStayPlain() throws Exception {
    seal();

    edit(
        "sed -i 's/^  port:/  added: fresh\\n  port:/; s/replicaCount: 2/replicaCount: 3/' \"$1\"");

    String after = cli.read("values.yaml");
    assertThat((String) map(after, "secrets").get("added")).startsWith("sw1:");
    assertThat(after).contains("replicaCount: 3\n").doesNotContain("fresh");
  }

  @Test
  void edit_noChange_leavesTheFileAlone() throws Exception {
    seal();
    String before = cli.read("values.yaml");

    var r = edit("true");

    assertThat(cli.read("values.yaml")).isEqualTo(before);
    assertThat(r.err()).isEqualTo("sealwright: no changes; values.yaml unchanged\n");
  }

  @Test
  void seal_jsonFile_staysJsonWithEnvelopes() throws Exception {
    cli.write("values.json", "{\n  \"secrets\": {\"password\": \"hunter2\"},\n  \"n\": 1\n}\n");

    cli.ok(values("seal", "values.json", "-p", "secrets"));

    String sealed = cli.read("values.json");
    String envelope = (String) map(sealed, "secrets").get("password");
    assertThat(sealed)
        .isEqualTo("{\n  \"secrets\": {\"password\": \"" + envelope + "\"},\n  \"n\": 1\n}\n");
    assertThat(openWithCore(envelope, "password", "prod", "app")).isEqualTo("hunter2");
  }

  @Test
  void edit_emptiedBuffer_cancels_fileUnchanged() throws Exception {
    seal();
    String before = cli.read("values.yaml");

    var r = edit(": > \"$1\"");

    assertThat(cli.read("values.yaml")).isEqualTo(before);
    assertThat(r.err()).isEqualTo("sealwright: the edited text is empty; values.yaml unchanged\n");
  }

  @Test
  void edit_invalidYamlSaved_failsWithOneError_fileUnchanged() throws Exception {
    seal();
    String before = cli.read("values.yaml");

    var r =
        Cli.in(dir)
            .env("EDITOR", editor("echo 'secrets: [unclosed' > \"$1\""))
            .run(values("edit", "values.yaml"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("sealwright: error: the edited text is not valid YAML or JSON");
    assertThat(r.err()).doesNotContain("hunter2");
    assertThat(cli.read("values.yaml")).isEqualTo(before);
  }

  @Test
  void unseal_withPath_opensOnlyThatSubtree() {
    seal();
    String sealed = cli.read("values.yaml");

    var r = cli.ok(values("unseal", "values.yaml", "-p", "secrets.port"));

    assertThat(map(r.out(), "secrets"))
        .containsEntry("port", "5432")
        .containsEntry("password", map(sealed, "secrets").get("password"));
  }

  @Test
  void sealAndEdit_scopeAndRecipientsFromSealwrightYaml_noFlagsNeeded() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    cli.write(
        ".sealwright.yaml",
        "rules:\n  - scope: namespace\n    recipients: [" + Fixtures.recipient("cluster") + "]\n");
    cli.ok("values", "seal", "values.yaml", "-p", "secrets", "-n", "prod");
    String envelope = (String) map(cli.read("values.yaml"), "secrets").get("token");
    assertThat(envelope).startsWith("sw1:namespace:");

    var r =
        Cli.in(dir)
            .env("EDITOR", editor("sed -i 's/t0ken/other/' \"$1\""))
            .ok("values", "edit", "values.yaml", "-n", "prod", "-i", "cluster.txt");

    assertThat(r.err()).endsWith("sealwright: changed secrets.token in values.yaml\n");
    assertThat(
            cli.ok(
                    "values",
                    "unseal",
                    "values.yaml",
                    "--scope",
                    "namespace",
                    "-n",
                    "prod",
                    "-i",
                    "cluster.txt")
                .out())
        .contains("token: other   # api");
  }
}
