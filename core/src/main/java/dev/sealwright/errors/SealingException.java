package dev.sealwright.errors;

/**
 * The one checked exception family of Sealwright's crypto. Subtypes exist only where callers act
 * differently: {@link MalformedException}, {@link NoMatchingIdentityException}, {@link
 * BindingMismatchException}, {@link AuthenticationFailedException}.
 *
 * <p>Messages never contain plaintext or key material.
 */
public abstract sealed class SealingException extends Exception
    permits MalformedException,
        NoMatchingIdentityException,
        BindingMismatchException,
        AuthenticationFailedException {

  protected SealingException(String message) {
    super(message);
  }

  protected SealingException(String message, Throwable cause) {
    super(message, cause);
  }
}
