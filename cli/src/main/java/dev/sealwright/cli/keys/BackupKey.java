package dev.sealwright.cli.keys;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import dev.sealwright.cli.CliException;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.Bounded;
import dev.sealwright.errors.SealingException;
import dev.sealwright.wire.WireNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One key Secret of a backup, checked before anything reaches the cluster. age gives a backup no
 * sender authenticity (anyone who knows the offline recipient can make one), so nothing in it is
 * trusted: the key id is derived from the identity it holds and the name and annotation must agree
 * with it; a created-at in the future (which would keep a planted key current forever) is refused;
 * only the labels and annotations the operator writes may appear.
 *
 * @param secret the Secret as read, for {@code kubectl create}
 */
record BackupKey(
    String name,
    KeyId keyId,
    Instant createdAt,
    String state,
    boolean wrapped,
    Map<String, Object> secret) {

  /** How far a created-at may lie ahead of this machine's clock (clock skew, not more). */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** An identity line is under 200 bytes; anything much larger is not a key. */
  private static final int MAX_IDENTITY_ITEM = 4096;

  static final Set<String> LABELS = Set.of(WireNames.KEY_LABEL, WireNames.KEY_STATE_LABEL);
  static final Set<String> ANNOTATIONS =
      Set.of(
          WireNames.KEY_ID_ANNOTATION,
          WireNames.KEY_CREATED_AT_ANNOTATION,
          WireNames.KEY_PROTECTION_ANNOTATION,
          WireNames.KEY_STATE_SINCE_ANNOTATION,
          WireNames.REINSTATED_AT_ANNOTATION);

  /** A wrapped identity or its escrow copy is a few kilobytes at most. */
  private static final int MAX_WRAPPED_ITEM = 16 * 1024;

  private static final Set<String> STATES =
      Set.of(
          WireNames.KEY_STATE_ACTIVE,
          WireNames.KEY_STATE_DECRYPT_ONLY,
          WireNames.KEY_STATE_DISABLED);

  /**
   * Checks item {@code index} of the backup {@code source}; errors name the item, never its data.
   */
  static BackupKey check(Map<?, ?> secret, String source, int index, Instant now) {
    String where = source + " item " + index;
    if (!(secret.get("metadata") instanceof Map<?, ?> meta)
        || !(meta.get("name") instanceof String name)) {
      throw bad(where + " has no metadata.name");
    }
    where = source + " key Secret " + Bounded.text(String.valueOf(name), 80);
    if (!"Opaque".equals(secret.get("type"))) {
      throw bad(
          where
              + " has type "
              + Bounded.text(String.valueOf(secret.get("type")), 80)
              + "; key Secrets are Opaque");
    }
    Map<?, ?> labels = map(meta.get("labels"), where, "labels");
    Map<?, ?> annotations = map(meta.get("annotations"), where, "annotations");
    onlyKnown(labels, LABELS, where, "label");
    onlyKnown(annotations, ANNOTATIONS, where, "annotation");
    if (!"true".equals(labels.get(WireNames.KEY_LABEL))) {
      throw bad(where + " lacks the label " + WireNames.KEY_LABEL + "=true");
    }
    Object state = labels.get(WireNames.KEY_STATE_LABEL);
    if (state != null && !STATES.contains(state)) {
      throw bad(
          where
              + " has key state "
              + Bounded.text(String.valueOf(state), 80)
              + "; expected active, decrypt-only or disabled");
    }
    Map<?, ?> data = map(secret.get("data"), where, "data");
    boolean wrapped = data.containsKey(WireNames.KEY_WRAPPED_IDENTITY_ITEM);
    KeyId keyId = wrapped ? claimedKeyId(data, annotations, where) : derivedKeyId(data, where);
    if (!WireNames.keySecretName(keyId.value()).equals(name)) {
      throw bad(
          where
              + " holds key id "
              + keyId
              + "; its name must be "
              + WireNames.keySecretName(keyId.value()));
    }
    if (!keyId.value().equals(annotations.get(WireNames.KEY_ID_ANNOTATION))) {
      throw bad(
          where
              + " holds key id "
              + keyId
              + " but its "
              + WireNames.KEY_ID_ANNOTATION
              + " does not say so");
    }
    Instant createdAt = createdAt(annotations.get(WireNames.KEY_CREATED_AT_ANNOTATION), where, now);
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) secret;
    return new BackupKey(
        name, keyId, createdAt, state == null ? "active" : state.toString(), wrapped, typed);
  }

  /**
   * A protected key (identity wrapped by the cluster's KEK) cannot be checked here: only the KEK
   * opens it, and the operator derives its key id after unwrapping and refuses a mismatch. Here:
   * only the two items a protected key has, bounded, and a well-formed claimed key id.
   */
  private static KeyId claimedKeyId(Map<?, ?> data, Map<?, ?> annotations, String where) {
    Set<String> items = Set.of(WireNames.KEY_WRAPPED_IDENTITY_ITEM, WireNames.KEY_ESCROW_ITEM);
    for (Object item : data.keySet()) {
      if (!(item instanceof String s)
          || !items.contains(s)
          || !(data.get(item) instanceof String v)) {
        throw bad(where + " holds a data item a protected key Secret never has");
      }
      if (v.length() > MAX_WRAPPED_ITEM) {
        throw bad(where + " item '" + s + "' is too large for a key");
      }
    }
    if (!(annotations.get(WireNames.KEY_PROTECTION_ANNOTATION) instanceof String)) {
      throw bad(where + " holds a wrapped identity but no " + WireNames.KEY_PROTECTION_ANNOTATION);
    }
    try {
      return new KeyId(String.valueOf(annotations.get(WireNames.KEY_ID_ANNOTATION)));
    } catch (IllegalArgumentException e) {
      throw bad(where + " has no valid " + WireNames.KEY_ID_ANNOTATION);
    }
  }

  /**
   * The way back when the KEK is lost: this protected key as a plain key Secret, its identity taken
   * from the escrow copy, which {@code identities} (the offline escrow key) open. The identity's
   * own key id must be the one the Secret claims.
   */
  BackupKey fromEscrow(List<Identity> identities) {
    if (!wrapped) {
      return this;
    }
    Map<?, ?> data = (Map<?, ?>) secret.get("data");
    if (!(data.get(WireNames.KEY_ESCROW_ITEM) instanceof String escrow)) {
      throw CliException.refused(
          "key Secret " + name + " has no escrow copy (" + WireNames.KEY_ESCROW_ITEM + ")",
          "it was protected with --no-escrow: only its KEK can open it");
    }
    byte[] line;
    try {
      line = Age.decrypt(Base64.getDecoder().decode(escrow), identities).toByteArray();
    } catch (SealingException | IllegalArgumentException e) {
      throw CliException.refused(
          "the escrow copy of key Secret " + name + " does not open with the identities given",
          "pass the offline escrow identity with -i");
    }
    try {
      Map<String, Object> plainData = new java.util.LinkedHashMap<>();
      plainData.put(WireNames.KEY_IDENTITY_ITEM, Base64.getEncoder().encodeToString(line));
      KeyId derived = derivedKeyId(plainData, "the escrow copy of key Secret " + name);
      if (!derived.equals(keyId)) {
        throw bad("the escrow copy of key Secret " + name + " holds key id " + derived);
      }
      Map<String, Object> copy = new java.util.LinkedHashMap<>(secret);
      Map<String, Object> meta =
          new java.util.LinkedHashMap<>((Map<String, Object>) secret.get("metadata"));
      Map<String, Object> notes =
          new java.util.LinkedHashMap<>((Map<String, Object>) meta.get("annotations"));
      notes.remove(WireNames.KEY_PROTECTION_ANNOTATION);
      meta.put("annotations", notes);
      copy.put("metadata", meta);
      copy.put("data", plainData);
      return new BackupKey(name, keyId, createdAt, state, false, copy);
    } finally {
      Arrays.fill(line, (byte) 0);
    }
  }

  private static KeyId derivedKeyId(Map<?, ?> data, String where) {
    if (data.size() != 1 || !(data.get(WireNames.KEY_IDENTITY_ITEM) instanceof String encoded)) {
      throw bad(where + " must hold exactly one data item, '" + WireNames.KEY_IDENTITY_ITEM + "'");
    }
    if (encoded.length() > MAX_IDENTITY_ITEM) {
      throw bad(where + " item '" + WireNames.KEY_IDENTITY_ITEM + "' is too large for a key");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw bad(where + " item '" + WireNames.KEY_IDENTITY_ITEM + "' is not base64");
    }
    try {
      List<Identity> identities =
          AgeKeys.parseIdentities(new String(decoded, StandardCharsets.US_ASCII));
      if (identities.size() != 1 || identities.getFirst().recipient().isEmpty()) {
        throw bad(where + " must hold exactly one age identity");
      }
      return KeyId.of(identities.getFirst().recipient().orElseThrow());
    } catch (SealingException e) {
      // The parser's message may quote the line: only the Secret's name is safe to print.
      throw bad(where + " does not hold a valid age identity");
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  private static Instant createdAt(Object value, String where, Instant now) {
    if (!(value instanceof String text)) {
      throw bad(where + " lacks the annotation " + WireNames.KEY_CREATED_AT_ANNOTATION);
    }
    Instant createdAt;
    try {
      createdAt = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(where + " has a " + WireNames.KEY_CREATED_AT_ANNOTATION + " that is no time");
    }
    if (createdAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw bad(
          where
              + " claims to be created at "
              + createdAt
              + ", in the future; a future date would keep a key current forever");
    }
    return createdAt;
  }

  private static Map<?, ?> map(Object value, String where, String field) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw bad(where + " has " + field + " that are not a mapping");
    }
    return m;
  }

  private static void onlyKnown(Map<?, ?> entries, Set<String> known, String where, String what) {
    for (Object key : entries.keySet()) {
      // A YAML key may be null ("~: x"), and Set.of(...).contains(null) throws.
      if (!(key instanceof String name)
          || !known.contains(name)
          || !(entries.get(key) instanceof String)) {
        throw bad(
            where
                + " has the "
                + what
                + " "
                + Bounded.text(String.valueOf(key), 80)
                + ", which key Secrets never carry");
      }
    }
  }

  private static CliException bad(String problem) {
    return CliException.refused(
        problem,
        "restore only backups made by 'sealwright keys backup'; anyone who knows the offline"
            + " recipient can make a file that decrypts, so check where this one came from");
  }
}
