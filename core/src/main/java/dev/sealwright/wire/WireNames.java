package dev.sealwright.wire;

/**
 * The names Sealwright puts on the cluster: API group, labels, annotations, Secret and ConfigMap
 * names and data keys. Held once here and read by the CLI, the operator, the install generator and
 * the docs' tests, so no two parts can spell one differently. Plain strings: core has no Kubernetes
 * dependency. Formats are documented in docs/operator.md.
 */
public final class WireNames {
  /** The API group of Sealwright's custom resources. */
  public static final String API_GROUP = "sealwright.dev";

  public static final String API_VERSION = API_GROUP + "/v1";

  public static final String SEALED_SECRET_KIND = "SealedSecret";

  /**
   * Labels and annotations with this prefix are the operator's own; a SealedSecret's template may
   * not set any of them, so a tenant cannot make a Secret look like a key or adopt another object.
   */
  public static final String RESERVED_PREFIX = API_GROUP + "/";

  /** Marks Secrets the operator made from SealedSecrets; its Secret informer watches only these. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY_VALUE = "sealwright";

  /** The spec hash of the SealedSecret a Secret was made from. */
  public static final String SPEC_HASH_ANNOTATION = RESERVED_PREFIX + "spec-hash";

  /** {@code "true"} on an existing Secret lets the operator take it over. */
  public static final String ADOPT_ANNOTATION = RESERVED_PREFIX + "managed";

  /**
   * {@code "true"} on a SealedSecret lets the operator take over a Secret of the same name that a
   * Bitnami SealedSecret ({@code bitnami.com/v1alpha1}) of the same namespace and name controls:
   * updated in place, its owner reference replaced. Set by {@code sealwright import kubeseal}.
   */
  public static final String ADOPT_BITNAMI_ANNOTATION = RESERVED_PREFIX + "adopt-bitnami";

  /** The API version of the Bitnami SealedSecrets whose Secrets can be taken over. */
  public static final String BITNAMI_API_VERSION = "bitnami.com/v1alpha1";

  /**
   * As a label {@code "true"} on a SealedSecret: merge its items into an existing Secret the
   * operator does not own (a label, so the patch-cleanup controller watches only these). As an
   * annotation {@code "true"} on that Secret: its writer allows it. Both are needed.
   */
  public static final String PATCH_ANNOTATION = RESERVED_PREFIX + "patch";

  /** The finalizer on patch-mode SealedSecrets: removes the items they wrote from the Secret. */
  public static final String PATCH_CLEANUP_FINALIZER = RESERVED_PREFIX + "patch-cleanup";

  /**
   * On a Secret patched by a SealedSecret: the item keys it wrote, sorted and comma-separated, so
   * only those are removed when the SealedSecret drops them or goes.
   */
  public static final String PATCHED_ITEMS_ANNOTATION = RESERVED_PREFIX + "patched-items";

  /**
   * {@code "true"} on a SealedSecret: its Secret gets no owner reference, so it outlives the
   * SealedSecret (Bitnami's {@code sealedsecrets.bitnami.com/skip-set-owner-references}).
   */
  public static final String KEEP_SECRET_ANNOTATION = RESERVED_PREFIX + "keep-secret";

  /** {@code "true"} on the key Secrets in the operator's namespace, and on nothing else. */
  public static final String KEY_LABEL = RESERVED_PREFIX + "key";

  /** {@code active}, {@code decrypt-only} or {@code disabled} (docs/keys.md, "Key states"). */
  public static final String KEY_STATE_LABEL = RESERVED_PREFIX + "key-state";

  public static final String KEY_STATE_ACTIVE = "active";

  public static final String KEY_STATE_DECRYPT_ONLY = "decrypt-only";

  public static final String KEY_STATE_DISABLED = "disabled";

  /** Optional: when the key entered its present state (an ISO-8601 instant). */
  public static final String KEY_STATE_SINCE_ANNOTATION = RESERVED_PREFIX + "key-state-since";

  /** Who asks the operator to retire (destroy) a key: set by {@code sealwright keys retire}. */
  public static final String RETIRE_REQUESTED_BY_ANNOTATION =
      RESERVED_PREFIX + "retire-requested-by";

  /** When the retirement was asked for; also what the operator's answer refers to. */
  public static final String RETIRE_REQUESTED_AT_ANNOTATION =
      RESERVED_PREFIX + "retire-requested-at";

  /** The operator's refusal of a retirement request, as JSON (docs/keys.md). */
  public static final String RETIRE_REFUSED_ANNOTATION = RESERVED_PREFIX + "retire-refused";

  /**
   * On a key Secret whose key id was retired: when it was deliberately brought back ({@code
   * sealwright keys restore --reinstate-retired}); without it the operator refuses a retired id.
   */
  public static final String REINSTATED_AT_ANNOTATION = RESERVED_PREFIX + "reinstated-at";

  /** The ConfigMap in the operator's namespace that records every retired (destroyed) key. */
  public static final String RETIRED_KEYS_CONFIGMAP = "sealwright-retired-keys";

  /** Its data item: a JSON list of records, oldest first. */
  public static final String RETIRED_KEYS_JSON = "retired-keys.json";

  public static final String KEY_ID_ANNOTATION = RESERVED_PREFIX + "key-id";

  public static final String KEY_CREATED_AT_ANNOTATION = RESERVED_PREFIX + "created-at";

  /** The data item of a key Secret that holds the age identity line. */
  public static final String KEY_IDENTITY_ITEM = "identity";

  /**
   * With key protection on: the data item that holds the identity line wrapped by the
   * key-encryption key, in place of {@link #KEY_IDENTITY_ITEM}.
   */
  public static final String KEY_WRAPPED_IDENTITY_ITEM = "identity.wrapped";

  /**
   * With key protection on: the data item that holds the identity line as an age file encrypted to
   * the offline escrow recipients, the way back if the key-encryption key is lost.
   */
  public static final String KEY_ESCROW_ITEM = "identity.escrow";

  /** With key protection on: which key-encryption key wraps the identity (no credentials). */
  public static final String KEY_PROTECTION_ANNOTATION = RESERVED_PREFIX + "key-protection";

  /** Key Secrets are named this prefix plus the key id. */
  public static final String KEY_SECRET_PREFIX = "sealwright-key-";

  /** The ConfigMap in the operator's namespace that publishes the cluster's public keys. */
  public static final String PUBLIC_KEYS_CONFIGMAP = "sealwright-public-keys";

  /** The current recipient, one line, for {@code sealwright seal -R}. */
  public static final String RECIPIENTS_TXT = "recipients.txt";

  /** Every active key with its id, recipient and creation time. */
  public static final String KEYS_JSON = "keys.json";

  private WireNames() {}

  /** The name of the key Secret holding the identity with key id {@code keyId}. */
  public static String keySecretName(String keyId) {
    return KEY_SECRET_PREFIX + keyId;
  }

  /** Whether a label or annotation key is reserved for the operator. */
  public static boolean reserved(String key) {
    return key.startsWith(RESERVED_PREFIX);
  }
}
