package dev.sealwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MainTest {
  @TempDir Path dir;

  static List<String> commands() {
    return List.of(
        "keygen",
        "seal",
        "create",
        "set",
        "unset",
        "edit",
        "unseal",
        "inspect",
        "diff",
        "verify",
        "reseal",
        "log",
        "completion");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_everyCommand_printsUsageWithExamples(String command) {
    var r = Cli.in(dir).run(command, "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("Usage: sealwright " + command)
        .containsPattern("\nExamples:\n  .*sealwright " + command);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void help_root_listsEveryCommandButNotTheHiddenOne() {
    var r = Cli.in(dir).run("--help");

    assertThat(r.exit()).isZero();
    for (String command : commands()) {
      assertThat(r.out()).contains("\n  " + command + " ");
    }
    assertThat(r.out()).contains("\n  keys ", "\n  audit ").doesNotContain("aot-training");
    assertThat(r.out())
        .contains(
            "Exit codes: 0 ok, 1 failed, 2 usage error, 3 refused for safety, 4 internal error,\n"
                + "5 found (audit exposure found values sealed to the key).");
  }

  @Test
  void noCommand_printsUsageToStderrAndExits2() {
    var r = Cli.in(dir).run();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("Usage: sealwright");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void version_printsSealwrightAndJavaVersions() {
    var r = Cli.in(dir).run("--version");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).matches("sealwright \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava 25.*\n");
  }

  @Test
  void completion_bash_printsACompletionScriptForEveryCommand() {
    var r = Cli.in(dir).run("completion", "bash");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("complete -F _complete_sealwright", "seal", "unseal", "--from-literal");
  }

  @Test
  void completion_unknownShell_isUsageError() {
    var r = Cli.in(dir).run("completion", "fish");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("sealwright: error: no completion for shell 'fish'\n");
  }

  @Test
  void keys_withoutSubcommand_printsItsUsageAndExits2() {
    var r = Cli.in(dir).run("keys");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("Usage: sealwright keys");
  }
}
