package dev.sealwright.cli.command;

import static dev.sealwright.cli.command.SealSecretCommandTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.LineDiff;
import dev.sealwright.cli.manifest.SealedSecretReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetAndUnsetItemCommandTest {
  @TempDir Path dir;
  Cli cli;
  String before;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
    before = cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient").out();
    cli.write("db.yaml", before);
  }

  @Test
  void set_existingItem_changesExactlyThatItemsLine() throws Exception {
    var r =
        cli.ok("set", "db.yaml", "password", "--from-literal", "n3w", "-R", "cluster.recipient");

    LineDiff diff = LineDiff.of(before, cli.read("db.yaml"));
    assertThat(LineDiff.itemsOf(diff.removed())).containsExactly("password");
    assertThat(LineDiff.itemsOf(diff.added())).containsExactly("password");
    assertThat(
            open(
                SealedSecretReader.readOne(cli.read("db.yaml"), "f"),
                "password",
                dir.resolve("cluster.txt")))
        .isEqualTo("n3w");
    assertThat(r.err())
        .isEqualTo(
            "sealwright: sealing to key ids ee95f62ebb69f30b with scope strict; recipients from --recipient/--recipients-file\n"
                + "sealwright: replaced item 'password' of prod/db\n");
  }

  @Test
  void set_newItemFromStdin_addsOneLineOnly() throws Exception {
    cli.stdin(new byte[] {0, 1, (byte) 0xff})
        .ok("set", "db.yaml", "blob", "--from-stdin", "-R", "cluster.recipient");

    LineDiff diff = LineDiff.of(before, cli.read("db.yaml"));
    assertThat(diff.removed()).isEmpty();
    assertThat(LineDiff.itemsOf(diff.added())).containsExactly("blob");
  }

  @Test
  void set_keepsTheFilesMode() throws Exception {
    Path file = dir.resolve("db.yaml");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    cli.ok("set", "db.yaml", "a", "--from-literal", "b", "-R", "cluster.recipient");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void set_twoSources_isUsageError() {
    var r =
        cli.run(
            "set",
            "db.yaml",
            "a",
            "--from-literal",
            "b",
            "--from-stdin",
            "-R",
            "cluster.recipient");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: --from-literal=VALUE, --from-stdin are mutually exclusive (specify only one)\n");
    assertThat(cli.read("db.yaml")).isEqualTo(before);
  }

  @Test
  void set_recipientsFromRepoConfig_needsNoFlags() {
    cli.write(
        ".sealwright.yaml",
        "rules:\n  - path: ^db\\.yaml$\n    recipients:\n      - "
            + Fixtures.recipient("breakglass")
            + "\n");

    cli.ok("set", "db.yaml", "extra", "--from-literal", "x");

    assertThat(cli.read("db.yaml"))
        .contains("    extra: sw1:strict::" + Fixtures.BREAKGLASS_KEY_ID + ":");
  }

  @Test
  void unset_item_removesExactlyThatItemsLine() {
    var r = cli.ok("unset", "db.yaml", "port");

    LineDiff diff = LineDiff.of(before, cli.read("db.yaml"));
    assertThat(LineDiff.itemsOf(diff.removed())).containsExactly("port");
    assertThat(diff.added()).isEmpty();
    assertThat(r.err()).isEqualTo("sealwright: removed port from db.yaml\n");
  }

  @Test
  void unset_oneUnknownAmongKnown_removesNothing() {
    var r = cli.run("unset", "db.yaml", "port", "nope");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(cli.read("db.yaml")).isEqualTo(before);
  }

  @Test
  void unset_jsonFile_staysJson() {
    cli.write(
        "db.json",
        cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient", "-o", "json").out());
    String json = cli.read("db.json");

    cli.ok("unset", "db.json", "port");

    LineDiff diff = LineDiff.of(json, cli.read("db.json"));
    assertThat(cli.read("db.json")).startsWith("{\n");
    String portLine =
        json.lines()
            .filter(l -> l.strip().startsWith("\"port\": \"sw1:"))
            .findFirst()
            .orElseThrow();
    assertThat(diff.removed()).containsExactly(portLine);
    assertThat(diff.added()).isEmpty();
  }

  @Test
  void set_symlinkedFile_rewritesTheTargetAndKeepsTheLink() throws Exception {
    Files.createDirectories(dir.resolve("shared"));
    Files.move(dir.resolve("db.yaml"), dir.resolve("shared/db.yaml"));
    Files.createSymbolicLink(dir.resolve("db.yaml"), Path.of("shared/db.yaml"));

    cli.ok("unset", "db.yaml", "port");

    assertThat(Files.isSymbolicLink(dir.resolve("db.yaml"))).isTrue();
    assertThat(cli.read("shared/db.yaml")).doesNotContain("    port: ");
  }

  @Test
  void set_specScopeEditedToCluster_refusedAndFileByteIdentical() {
    String widened = before.replace("scope: strict", "scope: cluster");
    cli.write("db.yaml", widened);

    var r = cli.run("set", "db.yaml", "new", "--from-literal", "x", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: item 'password' of prod/db is sealed with scope strict, but the"
                + " spec of db.yaml says scope cluster");
    assertThat(cli.read("db.yaml")).isEqualTo(widened);
  }

  @Test
  void set_serviceAccountAddedToSpec_refusedAndFileByteIdentical() {
    String bound = before.replace("scope: strict", "scope: strict\n  serviceAccount: app");
    cli.write("db.yaml", bound);

    var r = cli.run("set", "db.yaml", "new", "--from-literal", "x", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("is bound to no service account");
    assertThat(cli.read("db.yaml")).isEqualTo(bound);
  }

  @Test
  void mergeInto_specScopeEdited_refusedAndFileByteIdentical() {
    String widened = before.replace("scope: strict", "scope: namespace");
    cli.write("db.yaml", widened);

    var r =
        cli.run(
            "create",
            "db",
            "-n",
            "prod",
            "--from-literal",
            "new=x",
            "-R",
            "cluster.recipient",
            "--merge-into",
            "db.yaml");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("is sealed with scope strict");
    assertThat(cli.read("db.yaml")).isEqualTo(widened);
  }

  @Test
  void set_quiet_printsOnlyWhatChanged() {
    var r =
        cli.ok(
            "set", "db.yaml", "password", "--from-literal", "n3w", "-R", "cluster.recipient", "-q");

    assertThat(r.err()).isEqualTo("sealwright: replaced item 'password' of prod/db\n");
  }
}
