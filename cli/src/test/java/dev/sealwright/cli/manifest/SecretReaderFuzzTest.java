package dev.sealwright.cli.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.CliFuzzing;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.testing.Fuzzing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for Secret manifests, as {@code seal} reads them: only a {@link CliException} the
 * user is told about may escape, and what is read writes back, as YAML and as JSON (the form {@code
 * unseal} prints), to the same Secret.
 */
public final class SecretReaderFuzzTest {

  public static void fuzzerTestOneInput(byte[] input) {
    List<SecretManifest> secrets;
    try {
      secrets = SecretReader.read(Inputs.utf8(input, "fuzz.yaml"), "fuzz.yaml");
    } catch (CliException e) {
      CliFuzzing.requireDocumented(e);
      return;
    }
    for (ManifestWriter.Format format : ManifestWriter.Format.values()) {
      String written = ManifestWriter.secrets(secrets, format);
      if (!SecretReader.read(written, "written").equals(secrets)) {
        throw new IllegalStateException("a Secret changed when written as " + format);
      }
    }
    secrets.forEach(SecretManifest::destroy);
  }

  static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(Fixtures.SECRET_YAML.getBytes(UTF_8));
    List<SecretManifest> fixture = SecretReader.read(Fixtures.SECRET_YAML, "fixture");
    seeds.add(ManifestWriter.secrets(fixture, ManifestWriter.Format.JSON).getBytes(UTF_8));
    seeds.add(
        ("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n"
                + "  metadata: {name: a, namespace: prod}\n  type: kubernetes.io/tls\n"
                + "  immutable: \"true\"\n  data: {tls.crt: \"\", tls.key: QUJD}\n---\n"
                + "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"stringData\": {\"k\": \"v\"}}\n")
            .getBytes(UTF_8));
    seeds.addAll(CliFuzzing.sessionFiles());
    return seeds;
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(SecretReaderFuzzTest.class, seeds());
  }

  @Test
  // Fuzzing bounds the Jazzer JVM itself (the budget plus 180 s, then kills it); documented budgets
  // (-Dsealwright.fuzz.seconds=600) outlast the default timeout of junit-platform.properties.
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(
        SecretReaderFuzzTest.class,
        seeds(),
        "--instrumentation_includes=dev.sealwright.**:org.yaml.snakeyaml.**");
  }
}
