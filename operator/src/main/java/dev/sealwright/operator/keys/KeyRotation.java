package dev.sealwright.operator.keys;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.operator.protection.KeyProtectionException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the first key and the next one when the current key is older than the rotation period. Old
 * keys stay active so values sealed to them still open; retiring a key is a deliberate act (label
 * it disabled, or delete it after re-sealing). Runs on the leader only, so two replicas never both
 * add a key.
 */
public final class KeyRotation {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

  private final KubernetesClient client;
  private final ClusterKeys keys;
  private final Duration period;
  private final Clock clock;

  public KeyRotation(KubernetesClient client, ClusterKeys keys, Duration period, Clock clock) {
    this.client = client;
    this.keys = keys;
    this.period = period;
    this.clock = clock;
  }

  /** Whether a new key is due: there is no active key, or the current one is a period old. */
  public static boolean due(KeySnapshot snapshot, Duration period, Instant now) {
    Optional<ClusterKey> current = snapshot.current();
    return current.isEmpty() || !current.get().createdAt().plus(period).isAfter(now);
  }

  /** Adds a key if one is due; returns the new key's Secret name, if one was made. */
  public synchronized Optional<String> rotateIfDue() {
    KeySnapshot snapshot = keys.snapshot();
    if (!snapshot.unavailable().isEmpty()) {
      // The current key may be among them: a new key now would replace a key that is only
      // unreachable, and values sealed to the new one could outlive a KEK outage of minutes.
      LOG.warn(
          "not rotating while {} cluster key(s) cannot be unwrapped",
          snapshot.unavailable().size());
      return Optional.empty();
    }
    if (!due(snapshot, period, clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(rotateNow());
  }

  /** Adds a new post-quantum key, which becomes current. Returns its Secret name. */
  public synchronized String rotateNow() {
    Secret secret;
    try {
      secret =
          KeySecrets.toSecret(
              keys.namespace(), AgeKeys.generateHybrid(), clock.instant(), keys.storage());
    } catch (KeyProtectionException e) {
      // Fail closed: no key is stored unwrapped. Retried at the next check.
      throw new IllegalStateException("could not protect a new cluster key: " + e.getMessage());
    }
    try {
      client.secrets().inNamespace(keys.namespace()).resource(secret).create();
    } catch (KubernetesClientException e) {
      throw new KubernetesClientException(
          "could not store the new cluster key "
              + secret.getMetadata().getName()
              + ": HTTP "
              + e.getCode(),
          e.getCode(),
          null);
    }
    String name = secret.getMetadata().getName();
    LOG.info("generated cluster key {}", name);
    return name;
  }
}
