package dev.sealwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.testenv.ChildProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI as users run it: {@code bin/sealwright} and {@code bin/kubectl-sealwright} on
 * the shaded jar with its AOT cache, {@code examples/quickstart.sh}, and Git running {@code
 * sealwright diff --textconv} as a textconv driver.
 */
class LauncherIT {
  static final Path ROOT =
      Path.of(System.getProperty("sealwright.root", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private Run sh(String script) {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile());
    pb.environment().put("PATH", ROOT.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("HOME", dir.toString());
    ChildProcesses.Result r = ChildProcesses.run(pb, null, Duration.ofMinutes(2));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  @Test
  void quickstart_onBuiltTree_runsEveryStep() throws Exception {
    Run r = sh(ROOT.resolve("examples/quickstart.sh").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "$ sealwright keygen -o cluster-key.txt",
            "SealedSecret prod/db",
            "verified 2 items, all opened",
            "password: aHVudGVyMg==");
  }

  @Test
  void kubectlPlugin_version_runsTheSameCli() throws Exception {
    Run r = sh("kubectl-sealwright --version");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("sealwright ").contains("Java 25");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void launcher_failure_printsOnlyTheErrorFormat() throws Exception {
    Run r = sh("sealwright inspect missing.yaml || echo \"exit=$?\"");

    assertThat(r.out()).isEqualTo("exit=1\n");
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: missing.yaml: no such file\nsealwright: hint: check the path and try again\n");
  }

  @Test
  void gitTextconv_diffOfASetItem_namesOnlyThatItem() throws Exception {
    Files.writeString(dir.resolve("cluster.recipient"), Fixtures.recipient("cluster"));
    String script =
        String.join(
            "\n",
            List.of(
                "git init -q repo && cd repo",
                "git config user.email t@example.org && git config user.name t",
                "echo '*.sealed.yaml diff=sealwright' > .gitattributes",
                "git config diff.sealwright.textconv 'sealwright diff --textconv'",
                "sealwright create db -n prod --from-literal a=1 --from-literal b=2 -R ../cluster.recipient > db.sealed.yaml",
                "git add . && git commit -qm init",
                "sealwright set db.sealed.yaml b --from-literal 22 -R ../cluster.recipient 2>/dev/null",
                "git diff --no-color -U0 | grep '^[-+] '"));

    Run r = sh(script);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .matches(
            "-  item b: 1 bytes, keys ee95f62ebb69f30b, sealed [0-9a-f]{16}, value vt:[0-9a-f]{8}\n"
                + "\\+  item b: 2 bytes, keys ee95f62ebb69f30b, sealed [0-9a-f]{16},"
                + " value vt:[0-9a-f]{8}\n");
  }
}
