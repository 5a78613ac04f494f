package dev.sealwright.operator.protection;

/**
 * The KEK holder refused to wrap or unwrap, or could not be reached. The message names the KEK and
 * the reason and is safe for logs and status; it never holds key material.
 */
public final class KeyProtectionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  private KeyProtectionException(String message, boolean retryable) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  /** The holder could not be reached or failed for its own reasons: worth trying again. */
  public static KeyProtectionException unavailable(String message) {
    return new KeyProtectionException(message, true);
  }

  /** The holder answered no: wrong KEK, an altered wrapping, or access denied. */
  public static KeyProtectionException refused(String message) {
    return new KeyProtectionException(message, false);
  }

  public boolean retryable() {
    return retryable;
  }
}
