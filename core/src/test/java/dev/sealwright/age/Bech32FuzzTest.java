package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.UTF_16BE;
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
    // As UTF-8, as a file holds it; and as UTF-16, so that one mutation can swap one char for any
    // other. Two branches, so that libFuzzer keeps inputs that decode in either view.
    String utf8 = new String(input, UTF_8);
    Optional<Bech32> fromUtf8 = Bech32.decode(utf8);
    if (fromUtf8.isPresent()) {
      requireCanonical(fromUtf8.get(), utf8);
    }
    String utf16 = new String(input, UTF_16BE);
    Optional<Bech32> fromUtf16 = Bech32.decode(utf16);
    if (fromUtf16.isPresent()) {
      requireCanonical(fromUtf16.get(), utf16);
    }
  }

  private static void requireCanonical(Bech32 decoded, String s) {
    if (!Bech32.encode(decoded.hrp(), decoded.data()).equals(s)) {
      throw new IllegalStateException("Bech32 accepted a non-canonical string: " + s);
    }
  }

  static List<byte[]> seeds() {
    List<String> seeds = new ArrayList<>(AgeSeeds.identities());
    seeds.addAll(AgeSeeds.recipients());
    seeds.add(AgeSeeds.recipients().getFirst().toUpperCase(Locale.ROOT));
    seeds.add(AgeSeeds.identities().getFirst().toLowerCase(Locale.ROOT));
    List<byte[]> out = new ArrayList<>(AgeSeeds.ascii(seeds));
    seeds.forEach(s -> out.add(s.getBytes(UTF_16BE)));
    return out;
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
