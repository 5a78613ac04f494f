package dev.sealwright.cli.sealing;

import dev.sealwright.age.Recipient;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.OpenedValue;
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

  /**
   * Opens one item and seals the same value again for the same binding to {@code recipients},
   * keeping its value tag, so that {@code sealwright diff} shows it as re-sealed, not changed.
   */
  public static String reseal(
      SealedSecret sealed, String item, Keyring keyring, List<Recipient> recipients) {
    OpenedValue opened = null;
    try {
      opened =
          Sealer.openForReseal(sealed.encryptedData().get(item), sealed.binding(item), keyring);
      return Sealer.reseal(opened, recipients);
    } catch (SealingException e) {
      throw SealingErrors.describe(e, where(sealed, item));
    } finally {
      if (opened != null) {
        opened.destroy();
      }
    }
  }

  public static String where(SealedSecret s, String item) {
    return "item '" + item + "' of " + s.meta().displayName();
  }
}
