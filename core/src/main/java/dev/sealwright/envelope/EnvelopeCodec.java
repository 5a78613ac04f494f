package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.age.Age;
import dev.sealwright.age.Armor;
import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.crypto.Bytes;
import dev.sealwright.errors.BindingMismatchException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.MalformedException.Part;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Format v1: {@code sw1:<scope>:<serviceaccount>:<keyid>[,<keyid>...]:<base64 age file>[:<value
 * tag>]}, where the age plaintext is the canonical binding line (ending in the value's tag key), a
 * line feed, then the value. See docs/format.md.
 */
final class EnvelopeCodec {
  static final String MAGIC = "sw1";

  /** Longer envelopes cannot hold a value within the limit; refused before decoding. */
  static final int MAX_ENVELOPE_LENGTH = 2 * 1024 * 1024;

  // The binding line is at most about 950 bytes (with its valuekey field); 1 KiB of slack keeps the
  // size pre-check simple,
  // and the value itself is checked exactly once the line is split off.
  private static final Age.Limits AGE_LIMITS =
      new Age.Limits(Sealer.MAX_VALUE_SIZE + 1024L, Sealer.MAX_RECIPIENTS);

  private EnvelopeCodec() {}

  /** The clear part of an envelope, parsed. */
  record Parsed(
      Scope scope,
      Optional<String> serviceAccount,
      List<KeyId> keyIds,
      byte[] ageFile,
      Optional<ValueTag> valueTag) {}

  /**
   * Seals under {@code keep}, the tag key of an opened envelope of the same value and binding, or
   * under a fresh key when null.
   */
  static String seal(
      SecretBytes value,
      Binding binding,
      List<? extends Recipient> recipients,
      @Nullable ValueKey keep)
      throws SealingException {
    if (value.size() > Sealer.MAX_VALUE_SIZE) {
      throw new MalformedException(
          Part.SIZE,
          "the value of item '"
              + binding.item()
              + "' is "
              + value.size()
              + " bytes; the limit is 1 MiB");
    }
    if (recipients.isEmpty()) {
      throw new MalformedException(Part.KEY, "no recipient to seal to");
    }
    if (recipients.size() > Sealer.MAX_RECIPIENTS) {
      throw new MalformedException(
          Part.SIZE,
          recipients.size() + " recipients; an envelope may have at most " + Sealer.MAX_RECIPIENTS);
    }
    ValueKey key = keep == null ? ValueKey.fresh() : keep;
    byte[] line = (BindingCodec.line(binding, key) + "\n").getBytes(UTF_8);
    byte[] v = value.toByteArray();
    byte[] plaintext = Bytes.concat(line, v);
    ValueTag tag = key.tag(v, 0, v.length);
    Arrays.fill(v, (byte) 0);
    Arrays.fill(line, (byte) 0);
    if (keep == null) {
      key.destroy();
    }
    byte[] ageFile;
    try {
      ageFile = Age.encrypt(plaintext, recipients);
    } catch (IllegalArgumentException e) {
      throw new MalformedException(Part.KEY, String.valueOf(e.getMessage()));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    Set<String> keyIds = new LinkedHashSet<>();
    for (Recipient r : recipients) {
      keyIds.add(KeyId.of(r).value());
    }
    return MAGIC
        + ":"
        + binding.scope().wireName()
        + ":"
        + binding.serviceAccount().orElse("")
        + ":"
        + String.join(",", keyIds)
        + ":"
        + Base64.getEncoder().encodeToString(ageFile)
        + ":"
        + tag.encoded();
  }

  static SecretBytes open(String envelope, Binding expected, Keyring keyring)
      throws SealingException {
    OpenedValue opened = openValue(envelope, expected, keyring);
    ValueKey key = opened.valueKey();
    if (key != null) {
      key.destroy();
    }
    return opened.value();
  }

  static OpenedValue openValue(String envelope, Binding expected, Keyring keyring)
      throws SealingException {
    Parsed p = parse(envelope);
    if (p.scope() != expected.scope() || !p.serviceAccount().equals(expected.serviceAccount())) {
      throw mismatch(
          p.scope().wireName() + sa(p.serviceAccount()),
          expected.scope().wireName() + sa(expected.serviceAccount()));
    }
    Identity identity = null;
    for (KeyId id : p.keyIds()) {
      Optional<Identity> found = keyring.find(id);
      if (found.isPresent()) {
        identity = found.get();
        break;
      }
    }
    if (identity == null) {
      throw new NoMatchingIdentityException(
          "the value is sealed to key ids "
              + p.keyIds()
              + ", none of which is in the keyring "
              + keyring.keyIds());
    }
    SecretBytes plain = Age.decrypt(p.ageFile(), List.of(identity), AGE_LIMITS);
    byte[] bytes = plain.toByteArray();
    plain.destroy();
    ValueKey key = null;
    boolean handedOver = false;
    try {
      int nl = indexOf(bytes, (byte) '\n');
      if (nl < 0) {
        throw new MalformedException(Part.ENVELOPE, "the sealed payload has no binding line");
      }
      BindingCodec.Line line = BindingCodec.parse(new String(bytes, 0, nl, UTF_8));
      key = line.valueKey();
      ValueTag.check(p.valueTag().orElse(null), key, bytes, nl + 1);
      Binding bound = line.binding();
      if (!bound.equals(expected)) {
        throw mismatch(bound.canonical(), expected.canonical());
      }
      if (bytes.length - nl - 1 > Sealer.MAX_VALUE_SIZE) {
        throw new MalformedException(
            Part.SIZE,
            "the sealed value is over the 1 MiB limit (" + Sealer.MAX_VALUE_SIZE + " bytes)");
      }
      SecretBytes value = SecretBytes.adopt(Arrays.copyOfRange(bytes, nl + 1, bytes.length));
      handedOver = true;
      return new OpenedValue(value, bound, key, p.valueTag().orElse(null));
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (key != null && !handedOver) {
        key.destroy();
      }
    }
  }

  static EnvelopeInfo inspect(String envelope) throws SealingException {
    Parsed p = parse(envelope);
    Age.FileInfo age = Age.describe(p.ageFile());
    if (age.stanzaTypes().size() > Sealer.MAX_RECIPIENTS) {
      throw new MalformedException(
          Part.SIZE,
          "the age file has "
              + age.stanzaTypes().size()
              + " recipient stanzas; the limit is "
              + Sealer.MAX_RECIPIENTS);
    }
    return new EnvelopeInfo(
        p.scope(),
        p.serviceAccount(),
        p.keyIds(),
        age.stanzaTypes(),
        age.postQuantum(),
        envelope.length(),
        age.plaintextLength(),
        p.valueTag());
  }

  /** The key ids named in clear, without decoding the body. */
  static List<KeyId> keyIds(String envelope) throws MalformedException {
    return keyIdField(fields(envelope)[3]);
  }

  /** The value tag in clear, without decoding the body. */
  static Optional<ValueTag> valueTag(String envelope) throws MalformedException {
    return valueTagField(fields(envelope));
  }

  static Parsed parse(String envelope) throws MalformedException {
    String[] f = fields(envelope);
    Scope scope = Scope.fromWireName(f[1]);
    if (scope == null) {
      throw malformed(
          "unknown scope '" + printable(f[1]) + "' (expected strict, namespace or cluster)");
    }
    Optional<String> sa = Optional.empty();
    if (!f[2].isEmpty()) {
      if (!Binding.isDnsSubdomain(f[2], 253)) {
        throw malformed("invalid service account name");
      }
      sa = Optional.of(f[2]);
    }
    List<KeyId> keyIds = keyIdField(f[3]);
    byte[] ageFile;
    try {
      ageFile = Base64.getDecoder().decode(f[4]);
    } catch (IllegalArgumentException e) {
      throw malformed("the body is not valid base64");
    }
    if (!Base64.getEncoder().encodeToString(ageFile).equals(f[4])) {
      throw malformed("the body is not canonical padded base64");
    }
    if (Armor.isArmored(ageFile)) {
      throw malformed("the body is an armored age file; envelopes hold the binary form");
    }
    return new Parsed(scope, sa, keyIds, ageFile, valueTagField(f));
  }

  private static Optional<ValueTag> valueTagField(String[] f) throws MalformedException {
    if (f.length == 5) {
      return Optional.empty();
    }
    ValueTag tag = ValueTag.fromField(f[5]);
    if (tag == null) {
      throw malformed("the value tag is not 44 characters of canonical padded base64");
    }
    return Optional.of(tag);
  }

  private static String[] fields(String envelope) throws MalformedException {
    if (envelope.length() > MAX_ENVELOPE_LENGTH) {
      throw new MalformedException(
          Part.SIZE, "the envelope is over 2 MiB; no valid value is that large");
    }
    String[] f = envelope.split(":", -1);
    if (f.length < 5 || f.length > 6 || !f[0].equals(MAGIC)) {
      throw malformed(
          "not a Sealwright v1 envelope"
              + " (expected sw1:<scope>:<serviceaccount>:<keyids>:<base64>[:<valuetag>])");
    }
    return f;
  }

  private static List<KeyId> keyIdField(String field) throws MalformedException {
    // Counted before splitting: a 2 MiB field could otherwise name 100,000 ids.
    long count = field.chars().filter(c -> c == ',').count() + 1;
    if (count > Sealer.MAX_RECIPIENTS) {
      throw new MalformedException(
          Part.SIZE,
          "the envelope names "
              + count
              + " key ids; at most "
              + Sealer.MAX_RECIPIENTS
              + " are allowed");
    }
    List<KeyId> keyIds = new ArrayList<>();
    for (String id : field.split(",", -1)) {
      if (!KeyId.isValid(id)) {
        throw malformed("invalid key id (expected 16 lower-case hex digits, comma-separated)");
      }
      KeyId keyId = new KeyId(id);
      if (keyIds.contains(keyId)) {
        throw malformed("key id " + id + " is listed twice");
      }
      keyIds.add(keyId);
    }
    return keyIds;
  }

  private static BindingMismatchException mismatch(String bound, String expected) {
    return new BindingMismatchException(
        "the value is bound to '" + bound + "' but is used as '" + expected + "'");
  }

  private static String sa(Optional<String> sa) {
    return sa.map(s -> " serviceaccount=" + s).orElse("");
  }

  private static String printable(String s) {
    String t = s.length() > 20 ? s.substring(0, 20) + "..." : s;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static MalformedException malformed(String why) {
    return new MalformedException(Part.ENVELOPE, "invalid envelope: " + why);
  }
}
