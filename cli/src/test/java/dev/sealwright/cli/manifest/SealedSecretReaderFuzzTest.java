package dev.sealwright.cli.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.CliFuzzing;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import dev.sealwright.testing.EnvelopeVectors;
import dev.sealwright.testing.Fuzzing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for SealedSecret manifests, as {@code inspect}, {@code verify} and the editing
 * commands read them: only a {@link CliException} the user is told about (or, for an envelope, the
 * {@link SealingException} family) may escape, and what is read writes back, as YAML and as JSON,
 * to the same SealedSecret.
 */
public final class SealedSecretReaderFuzzTest {

  public static void fuzzerTestOneInput(byte[] input) {
    List<SealedSecret> all;
    try {
      all = SealedSecretReader.read(Inputs.utf8(input, "fuzz.yaml"), "fuzz.yaml");
    } catch (CliException e) {
      CliFuzzing.requireDocumented(e);
      return;
    }
    for (SealedSecret s : all) {
      for (Map.Entry<String, String> item : s.encryptedData().entrySet()) {
        try {
          s.binding(item.getKey());
        } catch (CliException e) {
          CliFuzzing.requireDocumented(e);
        }
        try {
          Sealer.inspect(item.getValue());
        } catch (SealingException expected) {
          // the documented failures
        }
      }
      for (ManifestWriter.Format format : ManifestWriter.Format.values()) {
        String written = ManifestWriter.sealedSecrets(List.of(s), format);
        if (!SealedSecretReader.readOne(written, "written").equals(s)) {
          throw new IllegalStateException("a SealedSecret changed when written as " + format);
        }
      }
    }
  }

  static List<byte[]> seeds() {
    List<SealedSecret> secrets = new ArrayList<>();
    for (EnvelopeVectors.Vector v : EnvelopeVectors.all()) {
      Map<String, String> binding = new TreeMap<>();
      for (String field : v.get("binding").split(" ")) {
        int eq = field.indexOf('=');
        if (eq > 0) {
          binding.put(field.substring(0, eq), field.substring(eq + 1));
        }
      }
      secrets.add(
          new SealedSecret(
              new ObjectMeta(
                  binding.getOrDefault("name", "db"),
                  binding.get("namespace"),
                  new TreeMap<>(Map.of("app", "db")),
                  new TreeMap<>()),
              Scope.fromWireName(binding.get("scope")),
              binding.get("serviceaccount"),
              new TreeMap<>(Map.of(binding.get("item"), v.get("envelope"))),
              new SealedSecret.Template(
                  new TreeMap<>(Map.of("team", "payments")), new TreeMap<>(), "Opaque", null)));
    }
    List<byte[]> seeds = new ArrayList<>();
    for (SealedSecret s : secrets) {
      seeds.add(
          ManifestWriter.sealedSecrets(List.of(s), ManifestWriter.Format.YAML).getBytes(UTF_8));
    }
    List<SealedSecret> two = secrets.subList(0, 2);
    seeds.add(ManifestWriter.sealedSecrets(two, ManifestWriter.Format.YAML).getBytes(UTF_8));
    seeds.add(ManifestWriter.sealedSecrets(two, ManifestWriter.Format.JSON).getBytes(UTF_8));
    seeds.addAll(CliFuzzing.sessionFiles());
    return seeds;
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(SealedSecretReaderFuzzTest.class, seeds());
  }

  @Test
  // Fuzzing bounds the Jazzer JVM itself (the budget plus 180 s, then kills it); documented budgets
  // (-Dsealwright.fuzz.seconds=600) outlast the default timeout of junit-platform.properties.
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(
        SealedSecretReaderFuzzTest.class,
        seeds(),
        "--instrumentation_includes=dev.sealwright.**:org.yaml.snakeyaml.**");
  }
}
