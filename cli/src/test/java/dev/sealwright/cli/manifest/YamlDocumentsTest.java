package dev.sealwright.cli.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import org.junit.jupiter.api.Test;

class YamlDocumentsTest {

  /** Found by SecretReaderFuzzTest: SnakeYAML threw IllegalArgumentException, the CLI exited 4. */
  @Test
  void load_tagWithBadPercentEscape_failsAsInvalidYaml() {
    CliException e =
        catchThrowableOfType(CliException.class, () -> YamlDocuments.load("!%a", "s.yaml"));

    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(e).hasMessage("s.yaml is not valid YAML or JSON");
  }

  @Test
  void load_badTagInsideAMapping_failsAsInvalidYaml() {
    CliException e =
        catchThrowableOfType(
            CliException.class, () -> YamlDocuments.load("kind: Secret\ndata: !%a\n", "s.yaml"));

    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
  }
}
