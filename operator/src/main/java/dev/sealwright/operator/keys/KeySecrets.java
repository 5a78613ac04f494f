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
   * Reads a key Secret.
   *
   * @throws MalformedException naming the Secret, never its contents, if it holds no single
   *     identity with a recipient
   */
  public static ClusterKey fromSecret(Secret secret) throws MalformedException {
    String name = secret.getMetadata().getName();
    String encoded =
        secret.getData() == null ? null : secret.getData().get(WireNames.KEY_IDENTITY_ITEM);
    if (encoded == null) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "key Secret " + name + " has no data item '" + WireNames.KEY_IDENTITY_ITEM + "'");
    }
    List<Identity> identities;
    try {
      identities =
          AgeKeys.parseIdentities(
              new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "key Secret " + name + " item '" + WireNames.KEY_IDENTITY_ITEM + "' is not base64");
    } catch (MalformedException e) {
      // The parser's message may quote the line; only the Secret's name is safe to report.
      throw new MalformedException(
          MalformedException.Part.KEY,
          "key Secret " + name + " does not hold a valid age identity");
    }
    if (identities.size() != 1 || identities.getFirst().recipient().isEmpty()) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "key Secret " + name + " must hold exactly one age identity");
    }
    Identity identity = identities.getFirst();
    Recipient recipient = identity.recipient().orElseThrow();
    Map<String, String> labels = secret.getMetadata().getLabels();
    KeyState state =
        KeyState.fromLabel(labels == null ? null : labels.get(WireNames.KEY_STATE_LABEL));
    return new ClusterKey(name, KeyId.of(recipient), recipient, identity, state, createdAt(secret));
  }

  private static Instant createdAt(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    String value =
        annotations == null ? null : annotations.get(WireNames.KEY_CREATED_AT_ANNOTATION);
    try {
      if (value != null) {
        return Instant.parse(value);
      }
    } catch (DateTimeParseException e) {
      // fall through to the server's timestamp: a hand-made Secret may carry any annotation
    }
    String created = secret.getMetadata().getCreationTimestamp();
    return created == null ? Instant.EPOCH : Instant.parse(created);
  }
}
