package dev.sealwright.cli.command;

import static dev.sealwright.cli.command.SealSecretCommandTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.LineDiff;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.envelope.Sealer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAndResealCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
    cli.write(
        "db.yaml", cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient").out());
  }

  @Test
  void verify_goodFile_reportsEveryItemOk() {
    var r = cli.ok("verify", "db.yaml");

    assertThat(r.out())
        .isEqualTo(
            "ok      db.yaml: prod/db password\nok      db.yaml: prod/db port\n"
                + "ok      db.yaml: prod/db username\nverified 3 items\n");
  }

  @Test
  void verify_withIdentity_opensEveryItem() {
    var r = cli.ok("verify", "db.yaml", "-i", "cluster.txt");

    assertThat(r.out())
        .contains("ok      db.yaml: prod/db password (opened)\n")
        .endsWith("verified 3 items, all opened\n");
  }

  @Test
  void verify_envelopeCopiedFromAnotherSecret_failsOnlyWithIdentity() {
    String other =
        cli.ok(
                "create",
                "other",
                "-n",
                "prod",
                "--from-literal",
                "password=x",
                "-R",
                "cluster.recipient")
            .out();
    String line =
        other.lines().filter(l -> l.startsWith("    password: ")).findFirst().orElseThrow();
    String original =
        cli.read("db.yaml")
            .lines()
            .filter(l -> l.startsWith("    password: "))
            .findFirst()
            .orElseThrow();
    cli.write("db.yaml", cli.read("db.yaml").replace(original, line));

    assertThat(cli.run("verify", "db.yaml").exit()).isZero();
    var r = cli.run("verify", "db.yaml", "-i", "cluster.txt");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "FAILED  db.yaml: prod/db password: item 'password' of prod/db is bound elsewhere");
    assertThat(r.err()).startsWith("sealwright: error: 1 of 3 checks failed\n");
  }

  @Test
  void verify_notASealedSecret_fails() {
    cli.write("s.yaml", Fixtures.SECRET_YAML);

    var r = cli.run("verify", "s.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("FAILED  s.yaml is a Secret, not a SealedSecret");
  }

  @Test
  void reseal_rotation_resealsOnlyItemsNotAlreadySealedToTheNewKey() throws Exception {
    cli.ok("set", "db.yaml", "port", "--from-literal", "5432", "-R", "breakglass.recipient");
    String before = cli.read("db.yaml");

    var r = cli.ok("reseal", "db.yaml", "-i", "cluster.txt", "-R", "breakglass.recipient");

    LineDiff diff = LineDiff.of(before, cli.read("db.yaml"));
    assertThat(LineDiff.itemsOf(diff.removed())).containsExactly("password", "username");
    assertThat(LineDiff.itemsOf(diff.added())).containsExactly("password", "username");
    var sealed = SealedSecretReader.readOne(cli.read("db.yaml"), "f");
    assertThat(open(sealed, "password", dir.resolve("breakglass.txt"))).isEqualTo("hunter2");
    assertThat(r.err())
        .isEqualTo(
            "sealwright: sealing to key ids 0bfa621176627ff6 with scope strict; recipients from"
                + " --recipient/--recipients-file\n"
                + "sealwright: re-sealed password, username in db.yaml\n");
  }

  @Test
  void reseal_rotation_keepsEachItemsValueTag_diffSaysSameValue() throws Exception {
    cli.write("old.yaml", cli.read("db.yaml"));
    var old = SealedSecretReader.readOne(cli.read("old.yaml"), "f");

    cli.ok("reseal", "db.yaml", "-i", "cluster.txt", "-R", "breakglass.recipient");

    var now = SealedSecretReader.readOne(cli.read("db.yaml"), "f");
    for (String item : old.encryptedData().keySet()) {
      String before = old.encryptedData().get(item);
      String after = now.encryptedData().get(item);
      assertThat(after).as(item).isNotEqualTo(before);
      assertThat(Sealer.valueTag(after)).as(item).isEqualTo(Sealer.valueTag(before)).isPresent();
    }
    assertThat(cli.ok("diff", "old.yaml", "db.yaml").out())
        .isEqualTo(
            """
            SealedSecret prod/db
              ~ password (re-sealed, same value)
              ~ port (re-sealed, same value)
              ~ username (re-sealed, same value)
            """);
  }

  @Test
  void reseal_namedItem_changesExactlyThatItemsLine() {
    String before = cli.read("db.yaml");

    cli.ok("reseal", "db.yaml", "username", "-i", "cluster.txt", "-R", "breakglass.recipient");

    LineDiff diff = LineDiff.of(before, cli.read("db.yaml"));
    assertThat(LineDiff.itemsOf(diff.removed())).containsExactly("username");
    assertThat(LineDiff.itemsOf(diff.added())).containsExactly("username");
  }

  @Test
  void reseal_alreadyCurrent_leavesFileUnchanged() {
    String before = cli.read("db.yaml");

    var r = cli.ok("reseal", "db.yaml", "-i", "cluster.txt", "-R", "cluster.recipient");

    assertThat(cli.read("db.yaml")).isEqualTo(before);
    assertThat(r.err()).contains("already sealed to the current keys");
  }

  @Test
  void reseal_wrongIdentity_failsAndLeavesFileUnchanged() {
    String before = cli.read("db.yaml");

    var r = cli.run("reseal", "db.yaml", "-i", "other.txt", "-R", "breakglass.recipient");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("sealwright: error: item 'password' of prod/db: no identity given matches");
    assertThat(cli.read("db.yaml")).isEqualTo(before);
  }

  @Test
  void verifyCheckRecipients_itemSealedToOldKeyOnly_failsNamingBothKeySets() {
    cli.write(
        ".sealwright.yaml",
        "rules:\n  - recipients:\n      - "
            + Fixtures.recipient("cluster")
            + "\n      - "
            + Fixtures.recipient("breakglass")
            + "\n");
    cli.ok("reseal", "db.yaml", "-i", "cluster.txt", "password", "port");

    var r = cli.run("verify", "--check-recipients", "db.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("ok      db.yaml: prod/db password\n")
        .contains(
            "FAILED  db.yaml: prod/db username: sealed to keys ee95f62ebb69f30b but the recipients are "
                + "0bfa621176627ff6,ee95f62ebb69f30b; run 'sealwright reseal'\n");
  }
}
