package dev.sealwright.age;

import dev.sealwright.crypto.InsecureNonceChaCha20Poly1305;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * An age key pair identity ({@code X25519} or {@code mlkem768x25519}): its stanzas carry one base64
 * argument of a fixed size (the ephemeral share or encapsulated key) and a wrapped 16-byte file
 * key. The checks every such stanza needs live here; subclasses only unwrap.
 */
public abstract sealed class NativeIdentity implements Identity, Destroyable
    permits HybridIdentity, X25519Identity {
  private final String stanzaType;
  private final int shareSize;
  private volatile boolean destroyed;

  NativeIdentity(String stanzaType, int shareSize) {
    this.stanzaType = stanzaType;
    this.shareSize = shareSize;
  }

  @Override
  public final Optional<SecretBytes> unwrap(List<Stanza> stanzas) throws MalformedException {
    if (destroyed) {
      // A destroyed key opens nothing: to its caller it is as if no stanza were for it.
      return Optional.empty();
    }
    for (Stanza s : stanzas) {
      if (!s.type().equals(stanzaType)) {
        continue;
      }
      if (s.args().size() != 1) {
        throw invalid("an " + stanzaType + " stanza has exactly one argument");
      }
      byte[] share =
          Base64Raw.decode(s.args().get(0))
              .filter(b -> b.length == shareSize)
              .orElseThrow(
                  () ->
                      invalid(
                          "the "
                              + stanzaType
                              + " argument is not "
                              + shareSize
                              + " bytes of canonical base64"));
      byte[] body = s.body();
      if (body.length != Age.FILE_KEY_SIZE + InsecureNonceChaCha20Poly1305.TAG_SIZE) {
        throw invalid("the " + stanzaType + " stanza body is not a wrapped 16-byte file key");
      }
      Optional<byte[]> fileKey = unwrapFileKey(share, body);
      if (fileKey.isPresent()) {
        return fileKey.map(SecretBytes::adopt);
      }
    }
    return Optional.empty();
  }

  /**
   * The file key from a well-formed stanza, or empty if it is for another key.
   *
   * @throws MalformedException if the share is invalid (for example of small order)
   */
  abstract Optional<byte[]> unwrapFileKey(byte[] share, byte[] body) throws MalformedException;

  static MalformedException invalid(String why) {
    return new MalformedException(MalformedException.Part.HEADER, "invalid age header: " + why);
  }

  /**
   * Zeros the private key material this object holds, best effort (the JVM may have copied it
   * before, and the bytes of an {@link #encoded()} taken earlier are the caller's). Afterwards the
   * identity unwraps nothing and {@link #encoded()} throws; its recipient stays readable.
   */
  @Override
  public final void destroy() {
    destroyed = true;
    zero();
  }

  @Override
  public final boolean isDestroyed() {
    return destroyed;
  }

  abstract void zero();

  final void requireNotDestroyed() {
    if (destroyed) {
      throw new IllegalStateException("this identity was destroyed");
    }
  }

  /** The recipient that encrypts to this identity. */
  public abstract Recipient publicRecipient();

  /** The identity string ({@code AGE-SECRET-KEY-...}) as ASCII bytes. */
  public abstract SecretBytes encoded();

  @Override
  public final Optional<Recipient> recipient() {
    return Optional.of(publicRecipient());
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[redacted]";
  }
}
