package dev.sealwright.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.SecretReader;
import dev.sealwright.secret.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seal --raw}: one envelope for a binding given on the command line, as kubeseal --raw. */
class SealRawTest {
  static final byte[] VALUE = {'s', '3', 0, (byte) 0xff, '\n'};

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
  }

  String placed(String envelope, String scope, String namespace, String name, String item) {
    return RawEnvelopes.placed(cli, envelope, scope, namespace, name, item);
  }

  Cli.Result unseal(String file) {
    return cli.run("unseal", "-f", file, "-i", "cluster.txt");
  }

  @Test
  void raw_printsOnlyTheEnvelope_whichOpensForExactlyThatBinding() throws Exception {
    var r =
        cli.stdin(VALUE)
            .ok(
                "seal",
                "--raw",
                "-n",
                "prod",
                "--name",
                "api",
                "--item",
                "token",
                "-R",
                "cluster.recipient");

    String envelope = r.out().strip();
    assertThat(r.out()).isEqualTo(envelope + "\n").doesNotContain("apiVersion");
    assertThat(envelope).doesNotContain("\n", " ");
    assertThat(r.err())
        .isEqualTo(
            "sealwright: sealing to key ids "
                + Fixtures.CLUSTER_KEY_ID
                + " with scope strict; recipients from --recipient/--recipients-file\n");

    var opened = unseal(placed(envelope, "strict", "prod", "api", "token"));
    assertThat(opened.exit()).isZero();
    assertThat(SecretReader.read(opened.out(), "out").getFirst().data())
        .containsEntry("token", SecretBytes.copyOf(VALUE));

    for (String other :
        new String[] {
          placed(envelope, "strict", "prod", "web", "token"),
          placed(envelope, "strict", "dev", "api", "token"),
          placed(envelope, "strict", "prod", "api", "password"),
          placed(envelope, "namespace", "prod", "api", "token")
        }) {
      var refused = unseal(other);
      assertThat(refused.exit()).as(other).isEqualTo(1);
      assertThat(refused.err()).as(other).contains("is bound elsewhere");
    }
  }

  @Test
  void raw_namespaceScopeFromFile_opensForAnyNameInThatNamespaceOnly() throws Exception {
    Files.write(dir.resolve("value.bin"), VALUE);

    String envelope =
        cli.ok(
                "seal",
                "--raw",
                "--scope",
                "namespace",
                "-n",
                "prod",
                "--item",
                "token",
                "--from-file",
                "value.bin",
                "-R",
                "cluster.recipient")
            .out()
            .strip();

    for (String name : new String[] {"api", "web"}) {
      var opened = unseal(placed(envelope, "namespace", "prod", name, "token"));
      assertThat(opened.exit()).isZero();
      assertThat(SecretReader.read(opened.out(), "out").getFirst().data())
          .containsEntry("token", SecretBytes.copyOf(VALUE));
    }
    assertThat(unseal(placed(envelope, "namespace", "dev", "api", "token")).exit()).isEqualTo(1);
  }

  @Test
  void raw_withoutTheBindingItNeeds_isAUsageError() {
    var noItem =
        cli.stdin("x")
            .run("seal", "--raw", "-n", "prod", "--name", "api", "-R", "cluster.recipient");
    assertThat(noItem.exit()).isEqualTo(2);
    assertThat(noItem.err()).startsWith("sealwright: error: seal --raw needs --item ITEM\n");

    var noName =
        cli.stdin("x").run("seal", "--raw", "-n", "prod", "--item", "t", "-R", "cluster.recipient");
    assertThat(noName.exit()).isEqualTo(2);
    assertThat(noName.err())
        .startsWith("sealwright: error: seal --raw with scope strict needs --name\n");

    var noNamespace =
        cli.stdin("x")
            .run("seal", "--raw", "--scope", "namespace", "--item", "t", "-R", "cluster.recipient");
    assertThat(noNamespace.exit()).isEqualTo(2);
    assertThat(noNamespace.err())
        .startsWith("sealwright: error: seal --raw with scope namespace needs -n NAMESPACE\n");

    var itemWithoutRaw = cli.stdin("x").run("seal", "--item", "t", "-R", "cluster.recipient");
    assertThat(itemWithoutRaw.exit()).isEqualTo(2);
    assertThat(itemWithoutRaw.err())
        .startsWith("sealwright: error: --name, --item and --from-file go with --raw\n");
  }
}
