package dev.sealwright.operator.protection;

import dev.sealwright.secret.SecretBytes;

/**
 * A key-encryption key (KEK) held outside the cluster, which wraps the operator's identities before
 * they are stored in key Secrets and unwraps them into memory only. One implementation per place a
 * KEK can live: a PKCS#11 token, AWS KMS, Vault Transit.
 *
 * <p>Security guarantees: {@link #wrap} output is authenticated and bound to {@code context}
 * (associated data, a KMS encryption context): a wrapped identity moved to another key Secret, or
 * altered, fails {@link #unwrap}. The KEK itself never leaves its holder. Messages of the
 * exceptions name the provider, the key reference and status codes, never key material.
 */
public interface KeyProtector extends AutoCloseable {

  /**
   * Which KEK this is, as recorded in each key Secret it protects: the provider and the key's
   * reference, never a credential; for example {@code aws-kms:alias/sealwright}.
   */
  String kekName();

  /**
   * Wraps {@code key}, binding it to {@code context}.
   *
   * @throws KeyProtectionException if the KEK holder refused or could not be reached
   */
  byte[] wrap(SecretBytes key, String context) throws KeyProtectionException;

  /**
   * Unwraps what {@link #wrap} made with the same {@code context}.
   *
   * @throws KeyProtectionException {@link KeyProtectionException#retryable() retryable} if the KEK
   *     holder could not be reached; not retryable if it refused (wrong KEK, altered wrapping,
   *     denied)
   */
  SecretBytes unwrap(byte[] wrapped, String context) throws KeyProtectionException;

  /** Releases connections and sessions; never throws. */
  @Override
  void close();
}
