package dev.sealwright.operator.keys;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  /** The Secret that stores a newly generated identity as a plain identity line. */
  public static Secret toSecret(String namespace, HybridIdentity identity, Instant createdAt) {
    try {
      return toSecret(namespace, identity, createdAt, KeyStorage.PLAIN);
    } catch (KeyProtectionException e) {
      throw new IllegalStateException("plain storage involves no KEK", e);
    }
  }

  /**
   * The Secret that stores a newly generated identity the way {@code storage} says.
   *
   * @throws KeyProtectionException if the KEK could not wrap it
   */
  public static Secret toSecret(
      String namespace, HybridIdentity identity, Instant createdAt, KeyStorage storage)
      throws KeyProtectionException {
    KeyId keyId = KeyId.of(identity.publicRecipient());
    SecretBytes line = identity.encoded();
    try {
      Map<String, String> annotations = new TreeMap<>(storage.annotations());
      annotations.put(WireNames.KEY_ID_ANNOTATION, keyId.value());
      annotations.put(WireNames.KEY_CREATED_AT_ANNOTATION, createdAt.toString());
      return new SecretBuilder()
          .withNewMetadata()
          .withName(WireNames.KEY_SECRET_PREFIX + keyId.value())
          .withNamespace(namespace)
          .withLabels(
              // Not the managed-by label of generated Secrets: the reconciler's Secret cache must
              // never hold a private key.
              Map.of(
                  WireNames.KEY_LABEL, "true", WireNames.KEY_STATE_LABEL, KeyState.ACTIVE.label()))
          .withAnnotations(annotations)
          .endMetadata()
          .withType("Opaque")
          .withData(storage.data(keyId, line))
          .build();
    } finally {
      line.destroy();
    }
  }

  /**
   * How far a key's created-at may lie after its Secret's creationTimestamp: the operator stamps
   * created-at just before the create, with sub-second precision, while the server's timestamp has
   * whole seconds; a minute also covers modest clock skew.
   */
  static final Duration CREATED_AT_SKEW = Duration.ofMinutes(1);

  /**
   * Reads a key Secret, trusting nothing in it: the key id is derived from the identity it holds,
   * and the Secret's name and key-id annotation must agree with it; a created-at after the Secret
   * was created (which would make a planted key "current" forever) is refused, as is a Secret that
   * another object owns (every Secret the reconciler makes has an owner).
   *
   * @throws MalformedException naming the Secret, never its contents
   */
  public static ClusterKey fromSecret(Secret secret) throws MalformedException {
    try {
      return fromSecret(secret, KeyStorage.PLAIN);
    } catch (KeyProtectionException e) {
      // A protected key read without protection: not a plain key Secret.
      throw new MalformedException(MalformedException.Part.KEY, e.getMessage());
    }
  }

  /**
   * Reads a key Secret as {@link #fromSecret(Secret)} does, its identity stored the way {@code
   * storage} says.
   *
   * @throws KeyProtectionException if the identity is wrapped and the KEK did not unwrap it
   */
  public static ClusterKey fromSecret(Secret secret, KeyStorage storage)
      throws MalformedException, KeyProtectionException {
    String name = secret.getMetadata().getName();
    if (secret.getMetadata().getOwnerReferences() != null
        && !secret.getMetadata().getOwnerReferences().isEmpty()) {
      throw refused(name, "is owned by another object; key Secrets have no owner");
    }
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    String annotated = annotations == null ? null : annotations.get(WireNames.KEY_ID_ANNOTATION);
    Identity identity =
        identity(storage.identityLine(name, secret.getData(), annotations, annotated), name);
    Recipient recipient = identity.recipient().orElseThrow();
    KeyId keyId = KeyId.of(recipient);
    if (!WireNames.keySecretName(keyId.value()).equals(name)) {
      throw refused(
          name,
          "holds key id " + keyId + "; its name must be " + WireNames.keySecretName(keyId.value()));
    }
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

  private static Identity identity(SecretBytes line, String name) throws MalformedException {
    byte[] decoded = line.toByteArray();
    List<Identity> identities;
    try {
      identities = AgeKeys.parseIdentities(new String(decoded, StandardCharsets.US_ASCII));
    } catch (MalformedException e) {
      // The parser's message may quote the line; only the Secret's name is safe to report.
      throw refused(name, "does not hold a valid age identity");
    } finally {
      java.util.Arrays.fill(decoded, (byte) 0);
      line.destroy();
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
    return KeyStorage.refused(name, why);
  }
}
