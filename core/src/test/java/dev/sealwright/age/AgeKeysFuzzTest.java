package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.testing.Fuzzing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for identity and recipient files ({@link AgeKeys}): only {@link MalformedException}
 * escapes the parsers, and every identity or recipient they accept is usable (an identity has its
 * recipient, a recipient wraps a file key). An encrypted identity file is recognised without
 * running scrypt: the passphrase prompt ends the run.
 */
public final class AgeKeysFuzzTest {
  private static final byte[] FILE_KEY = new byte[Age.FILE_KEY_SIZE];

  /** Thrown by the passphrase prompt: the input was taken for an encrypted identity file. */
  private static final class PassphraseAsked extends RuntimeException {
    PassphraseAsked() {
      super(null, null, false, false);
    }
  }

  public static void fuzzerTestOneInput(byte[] input) {
    String text = new String(input, UTF_8);
    try {
      for (Recipient r : AgeKeys.parseRecipients(text)) {
        r.wrap(FILE_KEY);
        AgeKeys.parseRecipient(r.encoded());
      }
    } catch (MalformedException expected) {
      // the documented failure
    }
    try {
      for (Identity i : AgeKeys.parseIdentities(text)) {
        i.recipient().orElseThrow().wrap(FILE_KEY);
      }
    } catch (MalformedException expected) {
      // the documented failure
    }
    try {
      AgeKeys.readIdentityFile(
          input,
          () -> {
            throw new PassphraseAsked();
          });
    } catch (SealingException | PassphraseAsked expected) {
      // the documented failures, or an encrypted file (scrypt is not fuzzed here)
    }
  }

  static List<byte[]> seeds() {
    List<String> seeds = new ArrayList<>();
    seeds.add(String.join("\n", AgeSeeds.identities()) + "\n");
    seeds.add("# created: 2026-01-01\n# public key: x\n" + AgeSeeds.identities().getFirst());
    seeds.add(String.join("\n", AgeSeeds.recipients()) + "\n");
    seeds.add("# break-glass\n\n" + AgeSeeds.recipients().getFirst() + "\r\n");
    seeds.addAll(AgeSeeds.identities());
    seeds.addAll(AgeSeeds.recipients());
    List<byte[]> out = new ArrayList<>(AgeSeeds.ascii(seeds));
    out.add(Armor.encode(AgeSeeds.ageFiles().getFirst()).getBytes(UTF_8));
    return out;
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(AgeKeysFuzzTest.class, seeds());
  }

  @Test
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(AgeKeysFuzzTest.class, seeds());
  }
}
