package dev.sealwright.operator;

import dev.sealwright.operator.keys.KeyStorage;
import dev.sealwright.wire.Defaults;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the operator can be told, from flags or environment (see {@link Main} and
 * docs/operator.md). Build with {@link #builder(String)}.
 *
 * @param namespace the operator's own namespace: key Secrets, the public-keys ConfigMap, the Lease
 * @param watchNamespaces namespaces whose SealedSecrets are reconciled; empty means all
 * @param workers concurrent reconciles
 * @param rotationPeriod age at which the current key is replaced by a new one
 * @param keyCheckInterval how often the leader checks whether a rotation is due
 * @param conflictRecheck how often a SealedSecret blocked by a foreign Secret is looked at again
 * @param httpPort port for /healthz, /readyz and /metrics; negative disables, 0 picks a free port
 * @param leaderElection whether to take a Lease before reconciling (needed for more than one
 *     replica)
 * @param leaseName the Lease's name
 * @param identity this replica's identity in the Lease; defaults to a random id
 * @param exitOnLostLease whether losing the Lease ends the process (in a Pod: yes, so it restarts
 *     clean)
 * @param keyStorage how identities are stored in key Secrets: plain, or wrapped by a KEK
 * @param keyUnwrapRetry how soon an identity the KEK holder could not unwrap is tried again
 */
public record OperatorSettings(
    String namespace,
    Set<String> watchNamespaces,
    int workers,
    Duration rotationPeriod,
    Duration keyCheckInterval,
    Duration conflictRecheck,
    int httpPort,
    boolean leaderElection,
    String leaseName,
    String identity,
    boolean exitOnLostLease,
    KeyStorage keyStorage,
    Duration keyUnwrapRetry) {

  public OperatorSettings {
    Objects.requireNonNull(namespace, "namespace");
    watchNamespaces = Set.copyOf(watchNamespaces);
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
      throw new IllegalArgumentException("the rotation period must be positive");
    }
    Objects.requireNonNull(keyStorage, "keyStorage");
    if (keyUnwrapRetry.isNegative() || keyUnwrapRetry.isZero()) {
      throw new IllegalArgumentException("the key unwrap retry must be positive");
    }
  }

  public static Builder builder(String namespace) {
    return new Builder(namespace);
  }

  /**
   * Defaults: all namespaces, 16 workers (reconciles wait on the API server more than on the CPU),
   * 30-day rotation checked hourly, port 8080, no Lease.
   */
  public static final class Builder {
    private final String namespace;
    private Set<String> watchNamespaces = Set.of();
    private int workers = Defaults.WORKERS;
    private Duration rotationPeriod = Duration.parse(Defaults.ROTATION_PERIOD);
    private Duration keyCheckInterval = Duration.parse(Defaults.KEY_CHECK_INTERVAL);
    private Duration conflictRecheck = Duration.ofMinutes(1);
    private int httpPort = Defaults.HTTP_PORT;
    private boolean leaderElection;
    private String leaseName = Defaults.LEASE_NAME;
    private String identity;
    private boolean exitOnLostLease = true;
    private KeyStorage keyStorage = KeyStorage.PLAIN;
    private Duration keyUnwrapRetry = Duration.ofSeconds(10);

    private Builder(String namespace) {
      this.namespace = namespace;
    }

    public Builder watchNamespaces(Set<String> v) {
      watchNamespaces = v;
      return this;
    }

    public Builder workers(int v) {
      workers = v;
      return this;
    }

    public Builder rotationPeriod(Duration v) {
      rotationPeriod = v;
      return this;
    }

    public Builder keyCheckInterval(Duration v) {
      keyCheckInterval = v;
      return this;
    }

    public Builder conflictRecheck(Duration v) {
      conflictRecheck = v;
      return this;
    }

    public Builder httpPort(int v) {
      httpPort = v;
      return this;
    }

    public Builder leaderElection(boolean v) {
      leaderElection = v;
      return this;
    }

    public Builder leaseName(String v) {
      leaseName = v;
      return this;
    }

    public Builder identity(String v) {
      identity = v;
      return this;
    }

    public Builder exitOnLostLease(boolean v) {
      exitOnLostLease = v;
      return this;
    }

    public Builder keyStorage(KeyStorage v) {
      keyStorage = v;
      return this;
    }

    public Builder keyUnwrapRetry(Duration v) {
      keyUnwrapRetry = v;
      return this;
    }

    public OperatorSettings build() {
      return new OperatorSettings(
          namespace,
          watchNamespaces,
          workers,
          rotationPeriod,
          keyCheckInterval,
          conflictRecheck,
          httpPort,
          leaderElection,
          leaseName,
          identity,
          exitOnLostLease,
          keyStorage,
          keyUnwrapRetry);
    }
  }
}
