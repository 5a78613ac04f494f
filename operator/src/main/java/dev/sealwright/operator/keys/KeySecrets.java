package dev.sealwright.operator.keys;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.MalformedException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * How a cluster key is stored: a Secret in the operator's namespace, labelled {@value #KEY_LABEL}
 * {@code "true"}, with the age identity line under data key {@value #IDENTITY_KEY}. Pure
 * conversions, no API calls; the format is documented in docs/operator.md.
 */
public final class KeySecrets {
  public static final String KEY_LABEL = "sealwright.dev/key";
  public static final String STATE_LABEL = "sealwright.dev/key-state";
  public static final String KEY_ID_ANNOTATION = "sealwright.dev/key-id";
  public static final String CREATED_AT_ANNOTATION = "sealwright.dev/created-at";
  public static final String IDENTITY_KEY = "identity";
  public static final String NAME_PREFIX = "sealwright-key-";

  /** The label selector that finds key Secrets. */
  public static final String SELECTOR = KEY_LABEL + "=true";

  private KeySecrets() {}

  /** The Secret that stores a newly generated identity. */
  public static Secret toSecret(String namespace, HybridIdentity identity, Instant createdAt) {
    KeyId keyId = KeyId.of(identity.publicRecipient());
    byte[] line = identity.encoded().toByteArray();
    try {
      return new SecretBuilder()
          .withNewMetadata()
          .withName(NAME_PREFIX + keyId.value())
          .withNamespace(namespace)
          .withLabels(
              Map.of(
                  KEY_LABEL,
                  "true",
                  STATE_LABEL,
                  KeyState.ACTIVE.label(),
                  "app.kubernetes.io/managed-by",
                  "sealwright"))
          .withAnnotations(
              Map.of(KEY_ID_ANNOTATION, keyId.value(), CREATED_AT_ANNOTATION, createdAt.toString()))
          .endMetadata()
          .withType("Opaque")
          .withData(Map.of(IDENTITY_KEY, Base64.getEncoder().encodeToString(line)))
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
    String encoded = secret.getData() == null ? null : secret.getData().get(IDENTITY_KEY);
    if (encoded == null) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "key Secret " + name + " has no data item '" + IDENTITY_KEY + "'");
    }
    List<Identity> identities;
    try {
      identities =
          AgeKeys.parseIdentities(
              new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "key Secret " + name + " item '" + IDENTITY_KEY + "' is not base64");
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
    KeyState state = KeyState.fromLabel(labels == null ? null : labels.get(STATE_LABEL));
    return new ClusterKey(name, KeyId.of(recipient), recipient, identity, state, createdAt(secret));
  }

  private static Instant createdAt(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(CREATED_AT_ANNOTATION);
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
