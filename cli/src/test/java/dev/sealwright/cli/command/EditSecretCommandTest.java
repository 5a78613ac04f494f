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

/** Runs {@code edit} with a real editor process: a shell script standing in for the user. */
class EditSecretCommandTest {
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

  private String editor(String name, String script) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file.toString();
  }

  @Test
  void edit_oneValueChanged_diffSaysValueChangedForThatItemOnly() throws Exception {
    String ed = editor("ed.sh", "sed -i 's/password: hunter2/password: changed/' \"$1\"");

    Cli.in(dir)
        .env("EDITOR", ed)
        .ok("edit", "db.yaml", "-i", "cluster.txt", "-R", "cluster.recipient");

    cli.write("before.yaml", before);
    assertThat(cli.ok("diff", "before.yaml", "db.yaml").out())
        .isEqualTo(
            """
            SealedSecret prod/db
              ~ password (value changed)
              = port (unchanged)
              = username (unchanged)
            """);
  }

  @Test
  void edit_oneValueChanged_resealsExactlyThatItem() throws Exception {
    String ed = editor("ed.sh", "sed -i 's/password: hunter2/password: changed/' \"$1\"");

    var r =
        Cli.in(dir)
            .env("EDITOR", ed)
            .ok("edit", "db.yaml", "-i", "cluster.txt", "-R", "cluster.recipient");

    LineDiff diff = LineDiff.of(before, cli.read("db.yaml"));
    assertThat(LineDiff.itemsOf(diff.removed())).containsExactly("password");
    assertThat(LineDiff.itemsOf(diff.added())).containsExactly("password");
    assertThat(
            open(
                SealedSecretReader.readOne(cli.read("db.yaml"), "f"),
                "password",
                dir.resolve("cluster.txt")))
        .isEqualTo("changed");
    assertThat(r.err())
        .isEqualTo(
            "sealwright: sealing to key ids ee95f62ebb69f30b with scope strict; recipients from --recipient/--recipients-file\n"
                + "sealwright: changed password in db.yaml\n");
  }

  @Test
  void edit_bufferShowsPlaintextInOwnerOnlyFileThatIsRemovedAfterwards() throws Exception {
    Path seen = dir.resolve("seen.txt");
    String ed =
        editor(
            "ed.sh",
            "stat -c %a \"$1\" > " + seen + "; echo \"$1\" >> " + seen + "; cat \"$1\" >> " + seen);

    var r = Cli.in(dir).env("EDITOR", ed).ok("edit", "db.yaml", "-i", "cluster.txt");

    var lines = Files.readAllLines(seen);
    assertThat(lines.get(0)).isEqualTo("600");
    assertThat(Path.of(lines.get(1))).doesNotExist();
    assertThat(Path.of(lines.get(1)).getParent()).doesNotExist();
    assertThat(String.join("\n", lines))
        .contains("stringData:\n  password: hunter2\n  port: \"5432\"\n  username: app");
    assertThat(r.err()).isEqualTo("sealwright: no changes; db.yaml unchanged\n");
    assertThat(cli.read("db.yaml")).isEqualTo(before);
  }

  @Test
  void edit_addAndRemoveItems_needsRecipientsOnlyForAdded() throws Exception {
    String ed =
        editor(
            "ed.sh",
            "sed -i -e '/port:/d' -e 's/^stringData:$/stringData:\\n  added: |\\n    line1\\n    line2/' \"$1\"");

    var r =
        Cli.in(dir)
            .env("EDITOR", ed)
            .ok("edit", "db.yaml", "-i", "cluster.txt", "-R", "cluster.recipient");

    LineDiff diff = LineDiff.of(before, cli.read("db.yaml"));
    assertThat(LineDiff.itemsOf(diff.removed())).containsExactly("port");
    assertThat(LineDiff.itemsOf(diff.added())).containsExactly("added");
    assertThat(
            open(
                SealedSecretReader.readOne(cli.read("db.yaml"), "f"),
                "added",
                dir.resolve("cluster.txt")))
        .isEqualTo("line1\nline2\n");
    assertThat(r.err())
        .isEqualTo(
            "sealwright: sealing to key ids ee95f62ebb69f30b with scope strict; recipients from --recipient/--recipients-file\n"
                + "sealwright: added added, removed port in db.yaml\n");
  }

  @Test
  void edit_editorFails_leavesFileUnchangedAndRemovesPlaintext() throws Exception {
    Path seen = dir.resolve("seen.txt");
    String ed = editor("ed.sh", "echo \"$1\" > " + seen + "; exit 7");

    var r = Cli.in(dir).env("EDITOR", ed).run("edit", "db.yaml", "-i", "cluster.txt");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("sealwright: error: the editor (" + ed + ") exited with status 7\n");
    assertThat(Path.of(Files.readString(seen).strip())).doesNotExist();
    assertThat(cli.read("db.yaml")).isEqualTo(before);
  }

  @Test
  void edit_invalidYamlSaved_failsAndLeavesFileUnchanged() throws Exception {
    String ed = editor("ed.sh", "echo 'stringData: [oops' > \"$1\"");

    var r = Cli.in(dir).env("EDITOR", ed).run("edit", "db.yaml", "-i", "cluster.txt");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("sealwright: error: the edited text is not valid YAML or JSON: ");
    assertThat(cli.read("db.yaml")).isEqualTo(before);
  }

  @Test
  void edit_wrongIdentity_neverStartsTheEditor() throws Exception {
    Path seen = dir.resolve("seen.txt");
    String ed = editor("ed.sh", "touch " + seen);

    var r = Cli.in(dir).env("EDITOR", ed).run("edit", "db.yaml", "-i", "other.txt");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(seen).doesNotExist();
  }
}
