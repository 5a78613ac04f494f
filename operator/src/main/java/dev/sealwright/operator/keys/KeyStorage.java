package dev.sealwright.operator.keys;

import dev.sealwright.age.Age;
import dev.sealwright.age.Recipient;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.operator.protection.KeyProtector;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.wire.WireNames;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the identity inside a key Secret is stored: as a plain age identity line, or — with key
 * protection on — wrapped by a key-encryption key held outside the cluster, plus an escrow copy
 * encrypted to offline age recipients (the way back if the KEK is lost). The format is in
 * docs/keys.md.
 */
public final class KeyStorage {
  /** Identities stored as plain identity lines: no protection. */
  public static final KeyStorage PLAIN = new KeyStorage(null, List.of(), false);

  /** A wrapped identity is a few hundred bytes with any provider; far larger is not one. */
  private static final int MAX_WRAPPED_ITEM = 16 * 1024;

  /** An identity line is under 200 bytes; anything much larger is not a key. */
  static final int MAX_IDENTITY_ITEM = 4096;

  private final KeyProtector protector;
  private final List<Recipient> escrow;
  private final boolean migratePlainKeys;

  private KeyStorage(KeyProtector protector, List<Recipient> escrow, boolean migratePlainKeys) {
    this.protector = protector;
    this.escrow = List.copyOf(escrow);
    this.migratePlainKeys = migratePlainKeys;
  }

  /**
   * Protection by {@code protector}.
   *
   * @param escrow offline recipients every new identity is also encrypted to; empty only when the
   *     operator was told that losing the KEK may lose every key
   * @param migratePlainKeys whether plain key Secrets are accepted (and protected by the leader)
   *     rather than refused
   */
  public static KeyStorage protectedBy(
      KeyProtector protector, List<Recipient> escrow, boolean migratePlainKeys) {
    return new KeyStorage(Objects.requireNonNull(protector), escrow, migratePlainKeys);
  }

  public Optional<KeyProtector> protector() {
    return Optional.ofNullable(protector);
  }

  public boolean migratesPlainKeys() {
    return migratePlainKeys;
  }

  /** What a wrapping is bound to: the key id, so a wrapped identity cannot move to another key. */
  static String context(KeyId keyId) {
    return "sealwright.dev/v1 cluster-key " + keyId.value();
  }

  /** The data items that store a new identity line. */
  Map<String, String> data(KeyId keyId, SecretBytes identityLine) throws KeyProtectionException {
    Base64.Encoder b64 = Base64.getEncoder();
    if (protector == null) {
      byte[] line = identityLine.toByteArray();
      try {
        return Map.of(WireNames.KEY_IDENTITY_ITEM, b64.encodeToString(line));
      } finally {
        java.util.Arrays.fill(line, (byte) 0);
      }
    }
    String wrapped = b64.encodeToString(protector.wrap(identityLine, context(keyId)));
    if (escrow.isEmpty()) {
      return Map.of(WireNames.KEY_WRAPPED_IDENTITY_ITEM, wrapped);
    }
    byte[] line = identityLine.toByteArray();
    try {
      return Map.of(
          WireNames.KEY_WRAPPED_IDENTITY_ITEM,
          wrapped,
          WireNames.KEY_ESCROW_ITEM,
          b64.encodeToString(Age.encrypt(line, escrow)));
    } finally {
      java.util.Arrays.fill(line, (byte) 0);
    }
  }

  /** The annotations a key Secret stored this way carries besides the key id and created-at. */
  Map<String, String> annotations() {
    return protector == null
        ? Map.of()
        : Map.of(WireNames.KEY_PROTECTION_ANNOTATION, protector.kekName());
  }

  /** Whether a key Secret's data holds a plain identity line. */
  static boolean holdsPlainIdentity(Map<String, String> data) {
    return data != null && data.containsKey(WireNames.KEY_IDENTITY_ITEM);
  }

  /**
   * The identity line stored in key Secret {@code name}; with protection, unwrapped by the KEK for
   * the key id the Secret claims (which the caller checks against the identity afterwards).
   *
   * @throws MalformedException when the Secret is not stored the way this operator expects
   * @throws KeyProtectionException when the KEK could not unwrap it
   */
  SecretBytes identityLine(
      String name, Map<String, String> data, Map<String, String> annotations, String claimedKeyId)
      throws MalformedException, KeyProtectionException {
    Map<String, String> items = data == null ? Map.of() : data;
    boolean plain = items.containsKey(WireNames.KEY_IDENTITY_ITEM);
    boolean wrapped = items.containsKey(WireNames.KEY_WRAPPED_IDENTITY_ITEM);
    String protectedBy =
        annotations == null ? null : annotations.get(WireNames.KEY_PROTECTION_ANNOTATION);
    if (plain && wrapped) {
      throw refused(name, "holds both a plain and a wrapped identity; remove one");
    }
    if (plain) {
      if (protector != null && !migratePlainKeys) {
        throw refused(
            name,
            "holds a plain identity while key protection is on ("
                + protector.kekName()
                + "); start the operator once with --migrate-plain-keys to protect it");
      }
      return decode(
          name,
          items.get(WireNames.KEY_IDENTITY_ITEM),
          WireNames.KEY_IDENTITY_ITEM,
          MAX_IDENTITY_ITEM);
    }
    if (!wrapped) {
      throw refused(name, "has no data item '" + WireNames.KEY_IDENTITY_ITEM + "'");
    }
    // A key held under another KEK is still a cluster key, not a malformed Secret: it counts as
    // unavailable, so the operator neither forgets it nor makes a new key to replace it.
    if (protector == null) {
      throw KeyProtectionException.refused(
          "key Secret "
              + name
              + " is protected by "
              + (protectedBy == null ? "a key-encryption key" : protectedBy)
              + "; start the operator with the matching --key-protection settings");
    }
    if (!protector.kekName().equals(protectedBy)) {
      throw KeyProtectionException.refused(
          "key Secret "
              + name
              + " is protected by "
              + (protectedBy == null ? "an unnamed key-encryption key" : protectedBy)
              + ", but this operator uses "
              + protector.kekName());
    }
    KeyId claimed;
    try {
      claimed = new KeyId(claimedKeyId == null ? "" : claimedKeyId);
    } catch (IllegalArgumentException e) {
      throw refused(name, "has no valid annotation " + WireNames.KEY_ID_ANNOTATION);
    }
    SecretBytes blob =
        decode(
            name,
            items.get(WireNames.KEY_WRAPPED_IDENTITY_ITEM),
            WireNames.KEY_WRAPPED_IDENTITY_ITEM,
            MAX_WRAPPED_ITEM);
    byte[] bytes = blob.toByteArray();
    try {
      return protector.unwrap(bytes, context(claimed));
    } finally {
      blob.destroy();
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  private static SecretBytes decode(String name, String encoded, String item, int max)
      throws MalformedException {
    if (encoded.length() > max) {
      throw refused(name, "item '" + item + "' is too large for a key");
    }
    try {
      return SecretBytes.adopt(Base64.getDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      throw refused(name, "item '" + item + "' is not base64");
    }
  }

  static MalformedException refused(String name, String why) {
    return new MalformedException(MalformedException.Part.KEY, "key Secret " + name + " " + why);
  }
}
