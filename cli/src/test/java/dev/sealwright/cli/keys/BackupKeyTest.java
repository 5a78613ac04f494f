package dev.sealwright.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Found by KeyBackupFuzzTest: a null label or annotation key threw NullPointerException (exit 4).
 */
class BackupKeyTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static String backup(String labels, String annotations) {
    return """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: sealwright-key-0123456789abcdef
            labels: %s
            annotations: %s
          type: Opaque
          data: {identity: QUJD}
        """
        .formatted(labels, annotations);
  }

  @Test
  void read_annotationWithNullKey_refused() {
    String yaml =
        backup("{sealwright.dev/key: \"true\"}", "{sealwright.dev/key-id: x, ~: \"2026-01-01\"}");

    CliException e =
        catchThrowableOfType(CliException.class, () -> KeySecretList.read(yaml, "b.age", NOW));

    assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(e).hasMessageContaining("has the annotation null, which key Secrets never carry");
  }

  @Test
  void read_labelWithNullKey_refused() {
    String yaml = backup("{sealwright.dev/key: \"true\", ~: x}", "{}");

    CliException e =
        catchThrowableOfType(CliException.class, () -> KeySecretList.read(yaml, "b.age", NOW));

    assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
  }
}
