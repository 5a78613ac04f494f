package dev.sealwright.operator.keys;

import dev.sealwright.age.HybridRecipient;
import dev.sealwright.envelope.Keyring;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster keys at one moment, immutable. Reconcilers take one snapshot per object so an object
 * is opened with one consistent keyring even while keys change. What is derived from the keys is
 * derived once here, not on every reconcile: a snapshot changes only when a key Secret does.
 */
public final class KeySnapshot {
  public static final KeySnapshot EMPTY = new KeySnapshot(List.of());

  private final List<ClusterKey> keys;
  private final List<UnavailableKey> unavailable;
  private final Map<String, String> unavailableReasons;
  private final List<ClusterKey> active;
  private final Keyring keyring;

  /**
   * @param keys every key read, in any order
   */
  public KeySnapshot(List<ClusterKey> keys) {
    this(keys, List.of());
  }

  /**
   * @param keys every key read, in any order
   * @param unavailable key Secrets whose identity could not be unwrapped
   */
  public KeySnapshot(List<ClusterKey> keys, List<UnavailableKey> unavailable) {
    this.unavailable =
        unavailable.stream().sorted(Comparator.comparing(UnavailableKey::secretName)).toList();
    Map<String, String> reasons = new TreeMap<>();
    this.unavailable.forEach(u -> reasons.putIfAbsent(u.keyId(), u.reason()));
    this.unavailableReasons = Collections.unmodifiableMap(reasons);
    this.keys =
        keys.stream()
            .sorted(
                Comparator.comparing(ClusterKey::createdAt)
                    .reversed()
                    .thenComparing(k -> k.keyId().value()))
            .toList();
    // Post-quantum keys first: a classic X25519 key imported later opens its values but never
    // becomes the key new values are sealed to.
    this.active =
        this.keys.stream()
            .filter(ClusterKey::active)
            .sorted(Comparator.comparing((ClusterKey k) -> !postQuantum(k)))
            .toList();
    this.keyring =
        Keyring.of(
            this.keys.stream().filter(ClusterKey::opensValues).map(ClusterKey::identity).toList());
  }

  /** Every key read, newest first. */
  public List<ClusterKey> keys() {
    return keys;
  }

  /** The key with this id, in whatever state. */
  public Optional<ClusterKey> find(dev.sealwright.envelope.KeyId keyId) {
    return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  /**
   * Active keys, the ones that open values and are published: post-quantum ones first, then classic
   * ones, each newest first; the first is {@link #current()}.
   */
  public List<ClusterKey> active() {
    return active;
  }

  /**
   * The key new values should be sealed to: the newest active post-quantum key, or the newest
   * active classic key if there is no post-quantum one.
   */
  public Optional<ClusterKey> current() {
    return active.stream().findFirst();
  }

  /** Key Secrets held but not usable: their KEK did not unwrap them (yet). */
  public List<UnavailableKey> unavailable() {
    return unavailable;
  }

  /** Why each unavailable key cannot be used, by the key id its Secret claims. */
  public Map<String, String> unavailableReasons() {
    return unavailableReasons;
  }

  /** A keyring of the keys that open values: the active and the decrypt-only ones. */
  public Keyring keyring() {
    return keyring;
  }

  private static boolean postQuantum(ClusterKey k) {
    return k.recipient() instanceof HybridRecipient;
  }

  @Override
  public String toString() {
    return "KeySnapshot[keys=" + keys + ", unavailable=" + unavailable + "]";
  }
}
