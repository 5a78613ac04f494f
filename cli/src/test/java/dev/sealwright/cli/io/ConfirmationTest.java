package dev.sealwright.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfirmationTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CliEnv env(String typed, boolean terminal) {
    return new CliEnv(
        new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Path.of("."),
        Map.of(),
        () -> false,
        () -> terminal);
  }

  @Test
  void require_yesTypedAtTerminal_returnsAfterAsking() {
    assertThatCode(() -> Confirmation.require(env("yes\n", true), "create 1 key Secret(s)"))
        .doesNotThrowAnyException();

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("sealwright: create 1 key Secret(s)? [y/N] ");
  }

  @Test
  void require_anythingElseTyped_refused() {
    for (String typed : new String[] {"\n", "n\n", "yess\n", ""}) {
      assertThatThrownBy(() -> Confirmation.require(env(typed, true), "create it"))
          .as(typed)
          .isInstanceOfSatisfying(
              CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
          .hasMessage("not confirmed; nothing was written");
    }
  }

  @Test
  void require_noTerminal_refusedNamingYesWithoutReadingInput() {
    CliEnv env = env("y\n", false);

    assertThatThrownBy(() -> Confirmation.require(env, "create it"))
        .isInstanceOfSatisfying(
            CliException.class,
            e ->
                assertThat(e.hints())
                    .containsExactly("review the plan above, then run again with --yes"))
        .hasMessageContaining("standard input is not a terminal");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
