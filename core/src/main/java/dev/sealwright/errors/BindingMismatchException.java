package dev.sealwright.errors;

/**
 * The value opened, but it is bound to another place (namespace, name, item, scope or service
 * account) than the one it is being used in. The message names the bound and the expected binding,
 * which are not secret.
 */
public final class BindingMismatchException extends SealingException {
  public BindingMismatchException(String message) {
    super(message);
  }
}
