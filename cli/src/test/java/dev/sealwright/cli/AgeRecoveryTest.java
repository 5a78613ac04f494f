package dev.sealwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.testenv.ChildProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SealedSecret written by the CLI opens without Sealwright, with the recipe in docs/cli.md and
 * the real age CLI (fetched by testpeers/fetch into {@code sealwright.peers.dir}).
 */
class AgeRecoveryTest {
  static final String RECIPE =
      "sed -n 's/^    ITEM: //p' FILE | cut -d: -f5 | base64 -d | age -d -i KEY | tail -n +2";

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
  }

  private String recover(String file, String item, String key) throws Exception {
    Path peers =
        Path.of(
            System.getProperty(
                "sealwright.peers.dir",
                System.getProperty("user.home") + "/.cache/sealwright-peers"));
    Path age = peers.resolve("bin/age");
    assertThat(age).as("the age CLI from testpeers/fetch").isExecutable();
    String command = RECIPE.replace("ITEM", item).replace("FILE", file).replace("KEY", key);
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-o", "pipefail", "-c", command).directory(dir.toFile());
    pb.environment().put("PATH", age.getParent() + ":" + System.getenv("PATH"));
    return ChildProcesses.run(pb, null, Duration.ofSeconds(60)).requireSuccess().stdout();
  }

  @Test
  void recipe_postQuantumSealedSecret_opensWithTheAgeCli() throws Exception {
    cli.write(
        "db.yaml",
        cli.stdin(Fixtures.SECRET_YAML)
            .ok("seal", "-R", "cluster.recipient", "-R", "breakglass.recipient")
            .out());

    assertThat(recover("db.yaml", "password", "breakglass.txt")).isEqualTo("hunter2");
    assertThat(recover("db.yaml", "port", "cluster.txt")).isEqualTo("5432");
  }

  @Test
  void recipe_valueWithLineFeedsAndBinary_comesBackByteForByte() throws Exception {
    cli.write(
        "db.yaml",
        cli.ok("create", "db", "-n", "prod", "--from-literal", "a=x", "-R", "cluster.recipient")
            .out());
    Files.write(dir.resolve("blob"), new byte[] {'l', '1', '\n', '\n', 'l', '2', '\n'});
    cli.ok("set", "db.yaml", "multi", "--from-file", "blob", "-R", "cluster.recipient");

    assertThat(recover("db.yaml", "multi", "cluster.txt")).isEqualTo("l1\n\nl2\n");
  }

  @Test
  void recipe_classicSealedSecret_opensWithTheAgeCli() throws Exception {
    cli.write(
        "c.yaml",
        cli.ok(
                "create",
                "c",
                "-n",
                "prod",
                "--from-literal",
                "token=t0k3n",
                "-R",
                "classic.recipient")
            .out());

    assertThat(recover("c.yaml", "token", "classic.txt")).isEqualTo("t0k3n");
  }
}
