package dev.sealwright.age;

import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testing.Fuzzing;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for age decryption with the identities of the envelope vectors and of the CCTV
 * testkit (whose files, without the largest, are seeds too): the header, the stanzas, the MAC and
 * the payload of a whole file, plain, armored and within limits; and, since a mutated header never
 * passes its MAC, the payload's STREAM framing alone under a fixed file key. Only the {@link
 * SealingException} family may escape.
 */
public final class AgeFuzzTest {
  private static final List<Identity> IDENTITIES = identities();
  private static final Age.Limits LIMITS = new Age.Limits(1 << 20, 16);
  private static final byte[] FILE_KEY = new byte[Age.FILE_KEY_SIZE];
  private static final OutputStream DISCARD = OutputStream.nullOutputStream();

  public static void fuzzerTestOneInput(byte[] input) {
    try {
      Age.decrypt(input, IDENTITIES).destroy();
    } catch (SealingException expected) {
      // the documented failures
    }
    try {
      SecretBytes plain = Age.decrypt(input, IDENTITIES, LIMITS);
      plain.destroy();
    } catch (SealingException expected) {
      // the documented failures
    }
    try {
      Age.describe(input);
    } catch (SealingException expected) {
      // the documented failures
    }
    try {
      Payload.decrypt(FILE_KEY, input, 0, DISCARD);
    } catch (SealingException expected) {
      // the documented failures
    }
  }

  private static List<Identity> identities() {
    List<Identity> out = new ArrayList<>(AgeSeeds.parsedIdentities());
    out.addAll(AgeSeeds.parse(AgeSeeds.cctvIdentities()));
    return List.copyOf(out);
  }

  static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>(AgeSeeds.ageFiles());
    seeds.add(Armor.encode(seeds.getFirst()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    seeds.addAll(AgeSeeds.cctvAgeFiles());
    byte[] nonce = new byte[Payload.NONCE_SIZE];
    for (int size : new int[] {0, 1, 100, Payload.CHUNK_SIZE, Payload.CHUNK_SIZE + 1}) {
      seeds.add(Payload.insecureEncryptWithNonce(FILE_KEY, nonce, new byte[size]));
    }
    return seeds;
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(AgeFuzzTest.class, seeds());
  }

  @Test
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(AgeFuzzTest.class, seeds());
  }
}
