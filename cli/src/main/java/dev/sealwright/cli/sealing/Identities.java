package dev.sealwright.cli.sealing;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.errors.SealingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
      warnIfOthersCanRead(env, file);
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

  /** age's habit: a private key readable by group or others is worth a warning, not a refusal. */
  private static void warnIfOthersCanRead(CliEnv env, String file) {
    if (file.equals("-")) {
      return;
    }
    Path path = env.resolve(file);
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(path);
    } catch (IOException | UnsupportedOperationException e) {
      return; // reading it reports a missing file; no modes on this file system
    }
    if (mode.contains(PosixFilePermission.GROUP_READ)
        || mode.contains(PosixFilePermission.OTHERS_READ)) {
      env.err()
          .println(
              "sealwright: warning: identity file "
                  + file
                  + " is readable by group or others; run: chmod 600 "
                  + file);
    }
  }
}
