package dev.sealwright.cli.sealing;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.errors.SealingException;
import java.util.ArrayList;
import java.util.List;

/** Loads age identity files, for a {@link Keyring} or for plain age decryption. */
public final class Identities {
  private Identities() {}

  public static Keyring keyring(CliEnv env, List<String> files) {
    List<Identity> identities = load(env, files);
    try {
      return Keyring.of(identities);
    } catch (IllegalArgumentException e) {
      throw CliException.failed(
          "an identity file holds a key without a recipient: " + e.getMessage());
    }
  }

  /** Every identity in {@code files}, in order; the files' bytes are wiped after parsing. */
  public static List<Identity> load(CliEnv env, List<String> files) {
    List<Identity> identities = new ArrayList<>();
    for (String file : files) {
      byte[] bytes = Inputs.readBytes(env, file);
      try {
        // parseIdentities refuses a file without an identity, so each file adds at least one.
        identities.addAll(AgeKeys.parseIdentities(Inputs.utf8(bytes, file)));
      } catch (SealingException e) {
        throw SealingErrors.describe(e, "identity file " + file);
      } finally {
        java.util.Arrays.fill(bytes, (byte) 0);
      }
    }
    return identities;
  }
}
