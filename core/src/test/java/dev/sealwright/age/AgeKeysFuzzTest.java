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
 * recipient, a recipient wraps a file key). The input is read as a file, and as the raw bytes of
 * each kind of key. An encrypted identity file is recognised without running scrypt: the passphrase
 * prompt ends the run.
 */
public final class AgeKeysFuzzTest {
  private static final byte[] FILE_KEY = new byte[Age.FILE_KEY_SIZE];
  private static final String[] RAW_KEY_HRPS = {
    X25519Recipient.HRP, HybridRecipient.HRP, X25519Identity.HRP, HybridIdentity.HRP
  };

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
    // The input as raw key bytes: the Bech32 checksum no longer hides the key from the fuzzer.
    for (String hrp : RAW_KEY_HRPS) {
      try {
        String encoded = Bech32.encode(hrp, input);
        if (hrp.startsWith("age")) {
          AgeKeys.parseRecipient(encoded).wrap(FILE_KEY);
        } else {
          AgeKeys.parseIdentity(encoded).recipient().orElseThrow().wrap(FILE_KEY);
        }
      } catch (MalformedException expected) {
        // the documented failure
      }
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
    for (String r : AgeSeeds.recipients()) {
      out.add(Bech32.decode(r).orElseThrow().data());
    }
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
