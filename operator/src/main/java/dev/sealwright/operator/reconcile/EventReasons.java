package dev.sealwright.operator.reconcile;

/**
 * Reasons of the Kubernetes Events the operator records on SealedSecrets, documented in
 * docs/operator.md. Failures use the condition reasons of {@link dev.sealwright.api.v1.Conditions}
 * with type Warning; these are the Normal ones, and those of key retirement (docs/keys.md).
 */
public final class EventReasons {
  /** The Secret was created or brought up to date with a changed spec. */
  public static final String UNSEALED = "Unsealed";

  /** The Secret had been changed by someone else and was put back. */
  public static final String REVERTED = "Reverted";

  /** An existing Secret annotated sealwright.dev/managed=true was taken over. */
  public static final String ADOPTED = "Adopted";

  /** On a key Secret: a retirement request was refused (Warning; the message says why). */
  public static final String RETIREMENT_REFUSED = "RetirementRefused";

  /** On a key Secret: the key was retired, its Secret deleted and the retirement recorded. */
  public static final String KEY_RETIRED = "KeyRetired";

  private EventReasons() {}
}
