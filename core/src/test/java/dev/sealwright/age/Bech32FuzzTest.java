package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.testing.Fuzzing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: Bech32 decoding never throws, and whatever it accepts is canonical (it encodes back
 * to the very same string), so one key has exactly one spelling.
 */
public final class Bech32FuzzTest {

  public static void fuzzerTestOneInput(byte[] input) {
    String s = new String(input, UTF_8);
    Optional<Bech32> decoded = Bech32.decode(s);
    if (decoded.isPresent()) {
      String again = Bech32.encode(decoded.get().hrp(), decoded.get().data());
      if (!again.equals(s)) {
        throw new IllegalStateException("Bech32 accepted a non-canonical string: " + s);
      }
    }
  }

  static List<byte[]> seeds() {
    List<String> seeds = new ArrayList<>(AgeSeeds.identities());
    seeds.addAll(AgeSeeds.recipients());
    seeds.add(AgeSeeds.recipients().getFirst().toUpperCase(Locale.ROOT));
    seeds.add(AgeSeeds.identities().getFirst().toLowerCase(Locale.ROOT));
    return AgeSeeds.ascii(seeds);
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(Bech32FuzzTest.class, seeds());
  }

  @Test
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(Bech32FuzzTest.class, seeds());
  }
}
