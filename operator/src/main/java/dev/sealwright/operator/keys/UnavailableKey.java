package dev.sealwright.operator.keys;

import java.util.Objects;

/**
 * A key Secret whose identity the KEK did not unwrap: the key is held but cannot open values until
 * it does. The operator fails closed (values sealed to it are not opened, and their status says
 * why) and tries again.
 *
 * @param secretName the key Secret
 * @param keyId the key id the Secret claims (not verified: that needs the identity)
 * @param reason why, naming the KEK and the provider's answer, never key material
 * @param retryable whether the KEK holder could not be reached (rather than refused)
 */
public record UnavailableKey(String secretName, String keyId, String reason, boolean retryable) {
  public UnavailableKey {
    Objects.requireNonNull(secretName);
    Objects.requireNonNull(keyId);
    Objects.requireNonNull(reason);
  }
}
