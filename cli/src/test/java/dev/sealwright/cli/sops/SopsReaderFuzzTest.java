package dev.sealwright.cli.sops;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.CliFuzzing;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.errors.SealingException;
import dev.sealwright.testing.Fuzzing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for SOPS files as {@code import sops} reads them, in the YAML and the dotenv store,
 * with the test's classic identity (which opens the seeds): only a {@link CliException} the user is
 * told about may escape. The files name their own regular expressions ({@code encrypted_regex}), so
 * Jazzer's regex-injection detector is off; the step budget of {@link BoundedChars} is what keeps a
 * hostile one from hanging.
 */
public final class SopsReaderFuzzTest {
  private static final List<Identity> IDENTITIES = classicIdentity();

  public static void fuzzerTestOneInput(byte[] input) {
    String text;
    try {
      text = Inputs.utf8(input, "fuzz");
    } catch (CliException e) {
      CliFuzzing.requireDocumented(e);
      return;
    }
    for (SopsFormat format : SopsFormat.values()) {
      try {
        SopsReader.read(
                new SopsReader.Input(text, null, "fuzz", format), IDENTITIES, Optional.empty())
            .ifPresent(SopsDocument::destroy);
      } catch (CliException e) {
        CliFuzzing.requireDocumented(e);
      }
    }
  }

  private static List<Identity> classicIdentity() {
    try {
      return AgeKeys.parseIdentities(Fixtures.resource("keys/classic.txt"));
    } catch (SealingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Files the real sops encrypted to the classic test key, one per store and rule. */
  static List<byte[]> seeds() {
    try {
      Path dir = Files.createTempDirectory("sops-seeds");
      try {
        String recipient = Fixtures.recipient("classic");
        SopsPeer sops = SopsPeer.in(dir);
        List<byte[]> seeds = new ArrayList<>();
        String secret = ImportSopsCommandTest.SECRET;
        seeds.add(read(sops.encryptWith("a.yaml", secret, Map.of(), List.of("--age", recipient))));
        seeds.add(
            read(
                sops.encryptWith(
                    "b.yaml",
                    secret + "---\nreplicas: 3\nlist: [1, 2.5, true, null]\nx_unencrypted: 7\n",
                    Map.of(),
                    List.of("--age", recipient, "--encrypted-regex", "^(data|stringData|list)$"))));
        seeds.add(
            read(
                sops.encryptWith(
                    "c.env", "A=1\nB=x=y\n# c\n", Map.of(), List.of("--age", recipient))));
        seeds.add(
            read(
                sops.encryptWith(
                    "d.json",
                    "{\"a\": {\"b\": [1, \"x\"]}, \"n_unencrypted\": 1.5}",
                    Map.of(),
                    List.of("--age", recipient))));
        return seeds;
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Path p) throws IOException {
    return Files.readString(p).getBytes(UTF_8);
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(SopsReaderFuzzTest.class, seeds());
  }

  @Test
  // Fuzzing bounds the Jazzer JVM itself (the budget plus 180 s, then kills it); documented budgets
  // (-Dsealwright.fuzz.seconds=600) outlast the default timeout of junit-platform.properties.
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(
        SopsReaderFuzzTest.class,
        seeds(),
        "--instrumentation_includes=dev.sealwright.**:org.yaml.snakeyaml.**",
        "--disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection");
  }
}
