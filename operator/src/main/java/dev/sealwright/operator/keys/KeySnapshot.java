package dev.sealwright.operator.keys;

import dev.sealwright.age.Identity;
import dev.sealwright.envelope.Keyring;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The cluster keys at one moment, immutable. Reconcilers take one snapshot per object so an object
 * is opened with one consistent keyring even while keys change.
 *
 * @param keys every key read, newest first
 */
public record KeySnapshot(List<ClusterKey> keys) {
  public static final KeySnapshot EMPTY = new KeySnapshot(List.of());

  public KeySnapshot {
    keys =
        keys.stream()
            .sorted(
                Comparator.comparing(ClusterKey::createdAt)
                    .reversed()
                    .thenComparing(k -> k.keyId().value()))
            .toList();
  }

  /** Active keys, newest first: the ones that open values and are published. */
  public List<ClusterKey> active() {
    return keys.stream().filter(ClusterKey::active).toList();
  }

  /** The key new values should be sealed to: the newest active one. */
  public Optional<ClusterKey> current() {
    return active().stream().findFirst();
  }

  /** A keyring of the active keys. */
  public Keyring keyring() {
    List<Identity> identities = active().stream().map(ClusterKey::identity).toList();
    return Keyring.of(identities);
  }
}
