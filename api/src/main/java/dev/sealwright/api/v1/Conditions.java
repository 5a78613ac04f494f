package dev.sealwright.api.v1;

/**
 * Condition types and reasons in {@code status.conditions}. These strings are API: documented in
 * docs/operator.md, matched by users' alerts, so they never change meaning.
 */
public final class Conditions {
  /** True when the Secret exists and matches the current spec. */
  public static final String READY = "Ready";

  /** Every item opened and the Secret matches. */
  public static final String UNSEALED = "Unsealed";

  /** An item is sealed to a key id this cluster does not hold (or holds disabled). */
  public static final String NO_MATCHING_KEY = "NoMatchingKey";

  /**
   * An item is sealed to a key this cluster holds but cannot use now: key protection is on and the
   * key-encryption key did not unwrap it (KMS, Vault or HSM unreachable, or refusing). Retried; the
   * Secret is left as it was.
   */
  public static final String KEY_UNAVAILABLE = "KeyUnavailable";

  /** An item opened but is bound to another namespace, name, item, scope or service account. */
  public static final String BINDING_MISMATCH = "BindingMismatch";

  /** An item is not a well-formed envelope, or the spec is invalid. */
  public static final String MALFORMED = "Malformed";

  /** An item failed authentication: altered ciphertext. */
  public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";

  /** A Secret of the same name exists and is not managed by this SealedSecret. */
  public static final String SECRET_CONFLICT = "SecretConflict";

  /**
   * The SealedSecret is in the operator's own namespace, where the key Secrets live; such objects
   * are never unsealed.
   */
  public static final String RESERVED_NAMESPACE = "ReservedNamespace";

  /** The Secret could not be written (API error); retried. */
  public static final String WRITE_FAILED = "WriteFailed";

  /**
   * kstatus' abnormal-true condition (present, True, only while it holds): the operator is still
   * working towards Ready and will retry by itself ({@link #KEY_UNAVAILABLE}, {@link
   * #WRITE_FAILED}). Flux's health checks and {@code kubectl wait} read it; its reason and message
   * are the Ready condition's.
   */
  public static final String RECONCILING = "Reconciling";

  /**
   * kstatus' abnormal-true condition: Ready is False for a reason that retrying does not cure
   * (every other reason); someone must re-seal, fix the template or restore a key. Its reason and
   * message are the Ready condition's.
   */
  public static final String STALLED = "Stalled";

  private Conditions() {}
}
