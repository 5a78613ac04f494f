package dev.sealwright.secret;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret bytes (a plaintext value or key material) that never print their contents.
 *
 * <p>Reading the bytes is an explicit call, {@link #toByteArray()}, which returns a copy; {@link
 * #toString()} shows only the length. Equality is constant-time. Call {@link #destroy()} when the
 * value is no longer needed to overwrite the held copy; after that every read throws, so a wiped
 * value can never pass for an all-zero one.
 */
public final class SecretBytes {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; the caller may wipe its array afterwards. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** Takes ownership of {@code bytes} without copying; for arrays that no one else holds. */
  public static SecretBytes adopt(byte[] bytes) {
    return new SecretBytes(bytes);
  }

  /** A fresh copy of the secret bytes: the one way to read them. */
  public byte[] toByteArray() {
    return live().clone();
  }

  public int size() {
    return bytes.length;
  }

  /** Constant-time comparison of the contents. */
  public boolean equalsSecret(SecretBytes other) {
    return other != null && MessageDigest.isEqual(live(), other.live());
  }

  /** Overwrites the held bytes with zeros; idempotent. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  private byte[] live() {
    if (destroyed) {
      throw new IllegalStateException("this secret was destroyed and can no longer be read");
    }
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretBytes s && equalsSecret(s);
  }

  @Override
  public int hashCode() {
    // Contents must not leak through hash codes; the length is public anyway.
    return bytes.length;
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
