package dev.sealwright.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.ExitCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code keys retire} refuses before it asks kubectl anything (the rest is KeyRetirementIT).
 */
class RetireKeyCommandTest {
  @TempDir Path dir;

  @Test
  void retire_notAKeyId_usageErrorWithoutRunningKubectl() {
    Cli.Result r =
        Cli.in(dir)
            .run("keys", "retire", "sealwright-key-652e", "--kubectl", "/nonexistent/kubectl");

    assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .startsWith("sealwright: error: 'sealwright-key-652e' is not a key id\n")
        .contains("sealwright: hint: a key id is 16 lower-case hex digits")
        .doesNotContain("cannot run");
  }

  @Test
  void retire_zeroTimeout_usageError() {
    Cli.Result r =
        Cli.in(dir)
            .run(
                "keys",
                "retire",
                "652e212dc7370224",
                "--timeout",
                "0",
                "--kubectl",
                "/nonexistent");

    assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--timeout must be at least 1 second");
  }

  @Test
  void withAnnotation_copyGetsIt_backupAsReadUnchanged() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", "sealwright-key-652e212dc7370224");
    meta.put(
        "annotations", new LinkedHashMap<>(Map.of("sealwright.dev/key-id", "652e212dc7370224")));
    Map<String, Object> secret = new LinkedHashMap<>(Map.of("metadata", meta));

    Map<String, Object> copy =
        KeySecretList.withAnnotation(
            secret, "sealwright.dev/reinstated-at", "2026-12-01T00:00:00Z");

    assertThat(copy.get("metadata").toString())
        .contains("sealwright.dev/reinstated-at=2026-12-01T00:00:00Z")
        .contains("sealwright.dev/key-id=652e212dc7370224");
    assertThat(secret.get("metadata").toString()).doesNotContain("reinstated-at");
  }
}
