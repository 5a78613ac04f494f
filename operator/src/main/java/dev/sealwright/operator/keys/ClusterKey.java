package dev.sealwright.operator.keys;

import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.envelope.KeyId;
import java.time.Instant;
import java.util.Objects;

/**
 * One cluster identity as read from its Secret in the operator's namespace. The identity holds key
 * material and is never printed: {@link #toString()} shows only public facts.
 *
 * @param secretName the Secret it was read from
 * @param keyId the public key id values name when sealed to this key
 * @param recipient the public recipient, published in {@code sealwright-public-keys}
 * @param identity the private identity, used only to open values
 * @param state active keys open values and are published; decrypt-only keys only open values;
 *     disabled keys do neither
 * @param createdAt when the key was made; the newest active key is the current one
 */
public record ClusterKey(
    String secretName,
    KeyId keyId,
    Recipient recipient,
    Identity identity,
    KeyState state,
    Instant createdAt) {

  public ClusterKey {
    Objects.requireNonNull(secretName);
    Objects.requireNonNull(keyId);
    Objects.requireNonNull(recipient);
    Objects.requireNonNull(identity);
    Objects.requireNonNull(state);
    Objects.requireNonNull(createdAt);
  }

  public boolean active() {
    return state == KeyState.ACTIVE;
  }

  /** Whether values sealed to this key are opened (active or decrypt-only). */
  public boolean opensValues() {
    return state.opensValues();
  }

  @Override
  public String toString() {
    return "ClusterKey[" + keyId + ", " + state.label() + ", created " + createdAt + "]";
  }
}
