package dev.sealwright.cli.values;

import dev.sealwright.age.Recipient;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.cli.values.SealedValuesFile.Leaf;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Seals and opens single leaves of a values file with one binding (a SealedSecret shell). */
public final class ValuesSealer {
  private final SealedSecret shell;
  private final String source;

  /**
   * @param shell a SealedSecret without items that carries the binding
   * @param source how errors name the file
   */
  public ValuesSealer(SealedSecret shell, String source) {
    this.shell = shell;
    this.source = source;
  }

  /** The envelope of {@code plaintext} for {@code leaf}, bound to the leaf's key as item. */
  public String seal(Leaf leaf, SecretBytes plaintext, List<Recipient> recipients) {
    checkSealable(leaf, source);
    return Items.seal(shell, leaf.key(), plaintext, recipients);
  }

  String seal(Leaf leaf, List<Recipient> recipients) {
    SecretBytes plaintext = utf8(leaf.value());
    try {
      return seal(leaf, plaintext, recipients);
    } finally {
      plaintext.destroy();
    }
  }

  SecretBytes open(Leaf leaf, Keyring keyring) {
    checkSealable(leaf, source);
    return Items.open(shell.withItem(leaf.key(), leaf.value()), leaf.key(), keyring);
  }

  /** The plaintext of a sealed leaf as the string a values file holds. */
  String openText(Leaf leaf, Keyring keyring) {
    SecretBytes plaintext = open(leaf, keyring);
    byte[] bytes = plaintext.toByteArray();
    try {
      return Inputs.utf8(bytes, "the value at '" + leaf.dotted() + "'");
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
      plaintext.destroy();
    }
  }

  static SecretBytes utf8(String value) {
    return SecretBytes.adopt(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Fails unless {@code leaf} can hold an envelope in place: replaceable, under a map key. */
  static void checkSealable(Leaf leaf, String source) {
    if (!leaf.replaceable()) {
      throw CliException.failed(
          source + ": '" + leaf.dotted() + "' is a block scalar on a line of its own",
          "put the | or > right after the key (key: |), or write the value as a quoted string");
    }
    if (leaf.inList()) {
      throw CliException.failed(
          source + ": '" + leaf.dotted() + "' is inside a list, so it has no key to bind to",
          "sealed values sit in maps (the key is the Secret item); move the value into a map");
    }
  }
}
