package dev.sealwright.hpke;

import java.util.Optional;

/**
 * A key encapsulation mechanism as used by HPKE (RFC 9180, Section 4).
 *
 * @param <K> the private key type
 */
public interface Kem<K> {

  /** The HPKE KEM identifier. */
  int id();

  /** The length of the encapsulated key {@code enc}. */
  int encSize();

  /** A fresh shared secret for {@code publicKey} and its encapsulation. */
  Encapsulation encapsulate(byte[] publicKey);

  /** The shared secret in {@code enc}, or empty if {@code enc} is invalid for this KEM. */
  Optional<byte[]> decapsulate(byte[] enc, K privateKey);

  /** A shared secret and the encapsulated key {@code enc} that carries it. */
  record Encapsulation(byte[] sharedSecret, byte[] enc) {}
}
