package dev.sealwright.errors;

/**
 * The ciphertext was altered or the key is wrong. Deliberately carries no detail beyond which
 * layer's tag failed, so it cannot serve as an oracle.
 */
public final class AuthenticationFailedException extends SealingException {

  /** Which tag failed; lines up with the age testkit's expectations. */
  public enum Part {
    /** The age header MAC ("HMAC failure"). */
    HEADER_MAC,
    /** A STREAM payload chunk ("payload failure"). */
    PAYLOAD,
    /** A recipient stanza's wrapped file key. */
    STANZA,
    /** An envelope's clear value tag: absent, added, or not the sealed value's tag. */
    VALUE_TAG
  }

  private final Part part;

  public AuthenticationFailedException(Part part, String message) {
    super(message);
    this.part = part;
  }

  public Part part() {
    return part;
  }
}
