package dev.sealwright.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.SealedSecretReader;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectAndDiffCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
    cli.write(
        "old.yaml", cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient").out());
  }

  @Test
  void inspect_text_showsScopeBindingKeysTypesAndSizesWithoutAKey() {
    var r = cli.ok("inspect", "old.yaml");

    assertThat(r.out())
        .matches(
            """
            SealedSecret prod/db
              scope:    strict \\(bound to namespace prod, name db, item\\)
              type:     Opaque
              items:    3
                password  7 bytes, keys ee95f62ebb69f30b, mlkem768x25519 \\(post-quantum\\), envelope \\d+ chars, value vt:[0-9a-f]{8}
                port      4 bytes, keys ee95f62ebb69f30b, mlkem768x25519 \\(post-quantum\\), envelope \\d+ chars, value vt:[0-9a-f]{8}
                username  3 bytes, keys ee95f62ebb69f30b, mlkem768x25519 \\(post-quantum\\), envelope \\d+ chars, value vt:[0-9a-f]{8}
            """);
  }

  @Test
  void inspect_json_listsItemsWithKeyIds() {
    var r = cli.ok("inspect", "-o", "json", "old.yaml");

    assertThat(r.out())
        .startsWith(
            "[\n  {\n    \"name\": \"db\",\n    \"namespace\": \"prod\",\n    \"scope\": \"strict\",")
        .contains(
            "\"item\": \"password\",\n        \"valueBytes\": 7,\n        \"keyIds\": [\n          \"ee95f62ebb69f30b\"\n        ],")
        .contains("\"postQuantum\": true")
        .containsPattern("\"valueTag\": \"[A-Za-z0-9+/]{43}=\"");
  }

  @Test
  void inspect_text_printsTheTagPrefixOfTheClearSixthField() throws Exception {
    var sealed = SealedSecretReader.readOne(cli.read("old.yaml"), "f");
    String envelope = sealed.encryptedData().get("password");
    String prefix =
        HexFormat.of().formatHex(Base64.getDecoder().decode(envelope.split(":")[5]), 0, 4);

    assertThat(cli.ok("inspect", "old.yaml").out()).contains(", value vt:" + prefix + "\n");
  }

  @Test
  void inspect_envelopeFromBeforeValueTags_saysSo() {
    cli.write("old5.yaml", withoutTags(cli.read("old.yaml")));

    assertThat(cli.ok("inspect", "old5.yaml").out())
        .contains("envelope ")
        .contains(" chars, no value tag\n")
        .doesNotContain("vt:");
  }

  @Test
  void inspect_envelopeWithOtherScope_reportsTheProblemAndExits1() {
    String cluster =
        cli.stdin("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  x: y\n")
            .ok("seal", "--scope", "cluster", "-R", "cluster.recipient")
            .out();
    String envelope =
        cluster.lines().filter(l -> l.startsWith("    x: ")).findFirst().orElseThrow();
    cli.write(
        "mixed.yaml",
        cli.read("old.yaml").replace("  encryptedData:\n", "  encryptedData:\n" + envelope + "\n"));

    var r = cli.run("inspect", "mixed.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("! the envelope is sealed for scope cluster but spec.scope is strict");
  }

  @Test
  void diff_setUnsetAndUnchanged_areNamedPerItem() {
    cli.write("new.yaml", cli.read("old.yaml"));
    cli.ok("set", "new.yaml", "password", "--from-literal", "x", "-R", "cluster.recipient");
    cli.ok("set", "new.yaml", "api-key", "--from-literal", "x", "-R", "cluster.recipient");
    cli.ok("unset", "new.yaml", "port");

    var r = cli.ok("diff", "old.yaml", "new.yaml");

    assertThat(r.out())
        .isEqualTo(
            """
            SealedSecret prod/db
              + api-key (added)
              ~ password (value changed)
              - port (removed)
              = username (unchanged)
            """);
  }

  @Test
  void diff_sameTextSetAgain_valueChanged() {
    // A fresh seal never reuses a tag key: equal values sealed apart are not linked.
    cli.write("new.yaml", cli.read("old.yaml"));
    cli.ok("set", "new.yaml", "password", "--from-literal", "hunter2", "-R", "cluster.recipient");

    assertThat(cli.ok("diff", "old.yaml", "new.yaml").out()).contains("~ password (value changed)");
  }

  @Test
  void diff_envelopesFromBeforeValueTags_mayHaveChanged() {
    cli.write("old5.yaml", withoutTags(cli.read("old.yaml")));
    cli.write("new.yaml", cli.read("old.yaml"));
    cli.ok("reseal", "new.yaml", "password", "-i", "cluster.txt", "-R", "breakglass.recipient");

    assertThat(cli.ok("diff", "old5.yaml", "new.yaml").out())
        .contains("~ password (re-sealed: value may have changed, no value tag)")
        .contains("~ port (re-sealed: value may have changed, no value tag)");
  }

  @Test
  void diff_clearTagCopiedOntoAnotherValue_saysSameValueButVerifyRefusesIt() {
    // What a diff can claim without a key: the operator (and verify -i) refuse the lying envelope.
    var old = SealedSecretReader.readOne(cli.read("old.yaml"), "f");
    String oldPassword = old.encryptedData().get("password");
    cli.write("new.yaml", cli.read("old.yaml"));
    cli.ok("set", "new.yaml", "password", "--from-literal", "n3w", "-R", "cluster.recipient");
    String newPassword =
        SealedSecretReader.readOne(cli.read("new.yaml"), "f").encryptedData().get("password");
    String lying =
        newPassword.substring(0, newPassword.lastIndexOf(':'))
            + oldPassword.substring(oldPassword.lastIndexOf(':'));
    cli.write("new.yaml", cli.read("new.yaml").replace(newPassword, lying));

    assertThat(cli.ok("diff", "old.yaml", "new.yaml").out())
        .contains("~ password (re-sealed, same value)");
    var verify = cli.run("verify", "new.yaml", "-i", "cluster.txt");
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out() + verify.err()).contains("failed authentication");
  }

  /** The file with every envelope's sixth field cut off, as if sealed before value tags. */
  private static String withoutTags(String yaml) {
    return yaml.replaceAll("(sw1:[^\\s]*):[A-Za-z0-9+/]{43}=", "$1");
  }

  @Test
  void diff_exitCode_is1WhenDifferentAnd0WhenSame() {
    cli.write("same.yaml", cli.read("old.yaml"));
    assertThat(cli.run("diff", "--exit-code", "old.yaml", "same.yaml").exit()).isZero();

    cli.ok("unset", "same.yaml", "port");
    assertThat(cli.run("diff", "--exit-code", "old.yaml", "same.yaml").exit()).isEqualTo(1);
  }

  @Test
  void diffTextconv_givesOneStableLinePerItem() {
    var r = cli.ok("diff", "--textconv", "old.yaml");

    assertThat(r.out())
        .matches(
            """
            SealedSecret prod/db
              binding: strict \\(namespace prod, name db, item\\)
              type: Opaque
              template label app=db
              template annotation owner=payments
              item password: 7 bytes, keys ee95f62ebb69f30b, sealed [0-9a-f]{16}, value vt:[0-9a-f]{8}
              item port: 4 bytes, keys ee95f62ebb69f30b, sealed [0-9a-f]{16}, value vt:[0-9a-f]{8}
              item username: 3 bytes, keys ee95f62ebb69f30b, sealed [0-9a-f]{16}, value vt:[0-9a-f]{8}
            """);
    assertThat(cli.ok("diff", "--textconv", "old.yaml").out()).isEqualTo(r.out());
  }

  @Test
  void diffTextconv_otherFile_isPrintedUnchanged() {
    cli.write("notes.yaml", "just: text\n");

    assertThat(cli.ok("diff", "--textconv", "notes.yaml").out()).isEqualTo("just: text\n");
  }
}
