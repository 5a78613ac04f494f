package dev.sealwright.errors;

/** None of the given identities can open the value ("no match" in the age testkit). */
public final class NoMatchingIdentityException extends SealingException {
  public NoMatchingIdentityException(String message) {
    super(message);
  }
}
