package dev.sealwright.cli.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.command.RawEnvelopes;
import dev.sealwright.cli.manifest.SecretReader;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.testing.DocSnippets;
import dev.sealwright.testing.TestPeers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/migration.md, "From SOPS": its commands run as written, with the packaged {@code
 * bin/sealwright}, the real sops and the real age-keygen on PATH.
 */
class SopsMigrationDocIT {
  static final Path ROOT =
      Path.of(System.getProperty("sealwright.root", "..")).toAbsolutePath().normalize();
  static final DocSnippets DOC = DocSnippets.page("migration.md");

  @TempDir Path dir;
  Path tools;

  @BeforeEach
  void setUp() throws Exception {
    tools = Files.createDirectory(dir.resolve(".tools"));
    Files.createSymbolicLink(tools.resolve("sops"), SopsPeer.binary());
    Files.createSymbolicLink(tools.resolve("age-keygen"), TestPeers.ageKeygenCli());
  }

  record Run(int exit, String out, String err) {}

  Run snippet(String name) {
    ProcessBuilder pb = new ProcessBuilder(DOC.bashCommand(name)).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", tools + ":" + ROOT.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("HOME", dir.toString());
    ChildProcesses.Result r = ChildProcesses.run(pb, null, Duration.ofMinutes(2));
    Run run = new Run(r.exitCode(), r.stdout(), r.stderr());
    assertThat(run.exit()).as("snippet " + name + ":\n" + run.err()).isZero();
    return run;
  }

  @Test
  void example_thenImport_givesASealedSecretWithTheSameValue() throws Exception {
    snippet("sops-example");
    assertThat(Files.readString(dir.resolve("db.enc.yaml")))
        .contains("ENC[AES256_GCM,")
        .doesNotContain("hunter2");
    assertThat(dir.resolve("db.yaml")).doesNotExist();

    Run r = snippet("sops-import");

    assertThat(r.out())
        .isEqualTo(
            "converted db.enc.yaml -> db.sealed.yaml: prod/db (1 item)\n"
                + "sealwright import sops: 1 converted, 0 skipped\n"
                + "  password: aHVudGVyMg==\n");
    assertThat(Files.readString(dir.resolve("db.sealed.yaml"))).doesNotContain("hunter2", "sops");
  }

  @Test
  void repo_importUsesTheRulesOfSealwrightYamlAndTheDefaultSopsKey() throws Exception {
    snippet("sops-example");
    Path prod = Files.createDirectories(dir.resolve("clusters/prod"));
    Files.move(dir.resolve("db.enc.yaml"), prod.resolve("db.enc.yaml"));
    Path keys = Files.createDirectories(dir.resolve(".config/sops/age")).resolve("keys.txt");
    Files.move(dir.resolve("sops-key.txt"), keys);
    Files.createDirectory(dir.resolve(".git"));
    Files.writeString(
        dir.resolve(".sealwright.yaml"),
        "rules:\n  - path: ^clusters/prod/\n    scope: namespace\n    recipients:\n      - "
            + Files.readString(dir.resolve("cluster.recipient")).strip()
            + "\n");

    Run r = snippet("sops-repo");

    assertThat(r.out())
        .startsWith(
            "converted clusters/prod/db.enc.yaml -> clusters/prod/db.sealed.yaml: prod/db (1 item)\n");
    assertThat(r.err())
        .contains(
            "with scope namespace; recipients from rule 1 of ",
            ".sealwright.yaml (path ^clusters/prod/)");
    var opened =
        Cli.in(dir).ok("unseal", "-f", "clusters/prod/db.sealed.yaml", "-i", "cluster-key.txt");
    assertThat(SecretReader.read(opened.out(), "out").getFirst().data())
        .containsEntry("password", SecretBytes.copyOf("hunter2".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void raw_envelopeOpensInTheSealedSecretItNames() throws Exception {
    snippet("sops-example");

    String envelope = snippet("sops-raw").out().strip();

    Cli cli = Cli.in(dir);
    String file = RawEnvelopes.placed(cli, envelope, "strict", "prod", "db", "token");
    var opened = cli.ok("unseal", "-f", file, "-i", "cluster-key.txt");
    assertThat(SecretReader.read(opened.out(), "out").getFirst().data())
        .containsEntry("token", SecretBytes.copyOf("s3cr3t".getBytes(StandardCharsets.UTF_8)));
  }
}
