package dev.sealwright.cli.sealing;

import dev.sealwright.age.Recipient;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.List;

/** Seals and opens single items of a SealedSecret, with its binding and readable errors. */
public final class Items {
  private Items() {}

  public static String seal(
      SealedSecret target, String item, SecretBytes value, List<Recipient> recipients) {
    try {
      return Sealer.seal(value, target.binding(item), recipients);
    } catch (SealingException e) {
      throw SealingErrors.describe(e, where(target, item));
    }
  }

  public static SecretBytes open(SealedSecret source, String item, Keyring keyring) {
    try {
      return Sealer.open(source.encryptedData().get(item), source.binding(item), keyring);
    } catch (SealingException e) {
      throw SealingErrors.describe(e, where(source, item));
    }
  }

  public static String where(SealedSecret s, String item) {
    return "item '" + item + "' of " + s.meta().displayName();
  }
}
