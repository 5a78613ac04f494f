package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.testing.Fuzzing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for age's ASCII armor: only {@link MalformedException} escapes {@link Armor#decode},
 * and what it decodes armors back to the same bytes.
 */
public final class ArmorFuzzTest {

  public static void fuzzerTestOneInput(byte[] input) {
    Armor.isArmored(input);
    byte[] decoded;
    try {
      decoded = Armor.decode(input);
    } catch (MalformedException expected) {
      return;
    }
    try {
      if (!Arrays.equals(Armor.decode(Armor.encode(decoded).getBytes(US_ASCII)), decoded)) {
        throw new IllegalStateException("armor does not round-trip");
      }
    } catch (MalformedException e) {
      throw new IllegalStateException("Armor.decode refuses what Armor.encode wrote", e);
    }
  }

  static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (byte[] file : AgeSeeds.ageFiles()) {
      seeds.add(Armor.encode(file).getBytes(US_ASCII));
    }
    seeds.add(Armor.encode(new byte[0]).getBytes(US_ASCII));
    seeds.add(
        ("\r\n  \n" + Armor.encode(new byte[48]).replace("\n", "\r\n") + " \n").getBytes(US_ASCII));
    return seeds;
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(ArmorFuzzTest.class, seeds());
  }

  @Test
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(ArmorFuzzTest.class, seeds());
  }
}
