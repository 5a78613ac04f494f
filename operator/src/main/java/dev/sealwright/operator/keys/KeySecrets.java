package dev.sealwright.operator.keys;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * How a cluster key is stored: a Secret in the operator's namespace, labelled {@value
 * WireNames#KEY_LABEL} {@code "true"}, with the age identity line under data key {@value
 * WireNames#KEY_IDENTITY_ITEM}. Pure conversions, no API calls; the format is documented in
 * docs/operator.md.
 */
public final class KeySecrets {

  /** The label selector that finds key Secrets. */
  public static final String SELECTOR = WireNames.KEY_LABEL + "=true";

  private KeySecrets() {}

  /** The Secret that stores a newly generated identity. */
  public static Secret toSecret(String namespace, HybridIdentity identity, Instant createdAt) {
    KeyId keyId = KeyId.of(identity.publicRecipient());
    byte[] line = identity.encoded().toByteArray();
    try {
      return new SecretBuilder()
          .withNewMetadata()
          .withName(WireNames.KEY_SECRET_PREFIX + keyId.value())
          .withNamespace(namespace)
          .withLabels(
              // Not the managed-by label of generated Secrets: the reconciler's Secret cache must
              // never hold a private key.
              Map.of(
                  WireNames.KEY_LABEL, "true", WireNames.KEY_STATE_LABEL, KeyState.ACTIVE.label()))
          .withAnnotations(
              Map.of(
                  WireNames.KEY_ID_ANNOTATION,
                  keyId.value(),
                  WireNames.KEY_CREATED_AT_ANNOTATION,
                  createdAt.toString()))
          .endMetadata()
          .withType("Opaque")
          .withData(Map.of(WireNames.KEY_IDENTITY_ITEM, Base64.getEncoder().encodeToString(line)))
          .build();
    } finally {
      java.util.Arrays.fill(line, (byte) 0);
    }
  }

  /**
   * How far a key's created-at may lie after its Secret's creationTimestamp: the operator stamps
   * created-at just before the create, with sub-second precision, while the server's timestamp has
   * whole seconds; a minute also covers modest clock skew.
   */
  static final Duration CREATED_AT_SKEW = Duration.ofMinutes(1);

  /** An identity line is under 200 bytes; anything much larger is not a key. */
  private static final int MAX_IDENTITY_ITEM = 4096;

  /**
   * Reads a key Secret, trusting nothing in it: the key id is derived from the identity it holds,
   * and the Secret's name and key-id annotation must agree with it; a created-at after the Secret
   * was created (which would make a planted key "current" forever) is refused, as is a Secret that
   * another object owns (every Secret the reconciler makes has an owner).
   *
   * @throws MalformedException naming the Secret, never its contents
   */
  public static ClusterKey fromSecret(Secret secret) throws MalformedException {
    String name = secret.getMetadata().getName();
    if (secret.getMetadata().getOwnerReferences() != null
        && !secret.getMetadata().getOwnerReferences().isEmpty()) {
      throw refused(name, "is owned by another object; key Secrets have no owner");
    }
    Identity identity = identity(secret, name);
    Recipient recipient = identity.recipient().orElseThrow();
    KeyId keyId = KeyId.of(recipient);
    if (!WireNames.keySecretName(keyId.value()).equals(name)) {
      throw refused(
          name,
          "holds key id " + keyId + "; its name must be " + WireNames.keySecretName(keyId.value()));
    }
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    String annotated = annotations == null ? null : annotations.get(WireNames.KEY_ID_ANNOTATION);
    if (!keyId.value().equals(annotated)) {
      throw refused(
          name,
          "holds key id "
              + keyId
              + " but its annotation "
              + WireNames.KEY_ID_ANNOTATION
              + " does not say so");
    }
    Map<String, String> labels = secret.getMetadata().getLabels();
    KeyState state =
        KeyState.fromLabel(labels == null ? null : labels.get(WireNames.KEY_STATE_LABEL));
    return new ClusterKey(name, keyId, recipient, identity, state, createdAt(secret, name));
  }

  private static Identity identity(Secret secret, String name) throws MalformedException {
    String encoded =
        secret.getData() == null ? null : secret.getData().get(WireNames.KEY_IDENTITY_ITEM);
    if (encoded == null) {
      throw refused(name, "has no data item '" + WireNames.KEY_IDENTITY_ITEM + "'");
    }
    if (encoded.length() > MAX_IDENTITY_ITEM) {
      throw refused(name, "item '" + WireNames.KEY_IDENTITY_ITEM + "' is too large for a key");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw refused(name, "item '" + WireNames.KEY_IDENTITY_ITEM + "' is not base64");
    }
    List<Identity> identities;
    try {
      identities = AgeKeys.parseIdentities(new String(decoded, StandardCharsets.US_ASCII));
    } catch (MalformedException e) {
      // The parser's message may quote the line; only the Secret's name is safe to report.
      throw refused(name, "does not hold a valid age identity");
    } finally {
      java.util.Arrays.fill(decoded, (byte) 0);
    }
    if (identities.size() != 1 || identities.getFirst().recipient().isEmpty()) {
      throw refused(name, "must hold exactly one age identity");
    }
    return identities.getFirst();
  }

  private static Instant createdAt(Secret secret, String name) throws MalformedException {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    String value =
        annotations == null ? null : annotations.get(WireNames.KEY_CREATED_AT_ANNOTATION);
    String created = secret.getMetadata().getCreationTimestamp();
    Instant server = created == null ? null : Instant.parse(created);
    if (value == null) {
      return server == null ? Instant.EPOCH : server;
    }
    Instant stamped;
    try {
      stamped = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw refused(
          name, "has an annotation " + WireNames.KEY_CREATED_AT_ANNOTATION + " that is no time");
    }
    // Outside a cluster (tests) there is no server timestamp to compare with.
    if (server != null && stamped.isAfter(server.plus(CREATED_AT_SKEW))) {
      throw refused(
          name,
          "claims to be created at "
              + stamped
              + ", after the Secret itself was created ("
              + server
              + "); a future date would keep it current forever: fix or remove "
              + WireNames.KEY_CREATED_AT_ANNOTATION);
    }
    return stamped;
  }

  private static MalformedException refused(String name, String why) {
    return new MalformedException(MalformedException.Part.KEY, "key Secret " + name + " " + why);
  }
}
