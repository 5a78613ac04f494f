package dev.sealwright.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import java.nio.file.Path;
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
                password  7 bytes, keys ee95f62ebb69f30b, mlkem768x25519 \\(post-quantum\\), envelope \\d+ chars
                port      4 bytes, keys ee95f62ebb69f30b, mlkem768x25519 \\(post-quantum\\), envelope \\d+ chars
                username  3 bytes, keys ee95f62ebb69f30b, mlkem768x25519 \\(post-quantum\\), envelope \\d+ chars
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
        .contains("\"postQuantum\": true");
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
              ~ password (re-sealed: value may have changed)
              - port (removed)
              = username (unchanged)
            """);
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
              item password: 7 bytes, keys ee95f62ebb69f30b, sealed [0-9a-f]{16}
              item port: 4 bytes, keys ee95f62ebb69f30b, sealed [0-9a-f]{16}
              item username: 3 bytes, keys ee95f62ebb69f30b, sealed [0-9a-f]{16}
            """);
    assertThat(cli.ok("diff", "--textconv", "old.yaml").out()).isEqualTo(r.out());
  }

  @Test
  void diffTextconv_otherFile_isPrintedUnchanged() {
    cli.write("notes.yaml", "just: text\n");

    assertThat(cli.ok("diff", "--textconv", "notes.yaml").out()).isEqualTo("just: text\n");
  }
}
