package dev.sealwright.wire;

/**
 * Defaults shared by the operator's flags, the CLI's flags and the install: held once here, read by
 * each of them, and printed in the docs from here.
 */
public final class Defaults {
  /** The namespace the install creates and the CLI's {@code keys} commands look in. */
  public static final String OPERATOR_NAMESPACE = "sealwright";

  /** The Lease the operator's replicas elect a leader with. */
  public static final String LEASE_NAME = "sealwright-operator";

  /** ISO-8601 age at which a new cluster key is made. */
  public static final String ROTATION_PERIOD = "P30D";

  /** How often the leader checks whether a rotation is due. */
  public static final String KEY_CHECK_INTERVAL = "PT1H";

  public static final int WORKERS = 16;

  /** Port of /healthz, /readyz and /metrics. */
  public static final int HTTP_PORT = 8080;

  private Defaults() {}
}
