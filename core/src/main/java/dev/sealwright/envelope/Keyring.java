package dev.sealwright.envelope;

import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Identities indexed by {@link KeyId}, so opening an envelope is one lookup. Immutable. */
public final class Keyring {
  private final Map<KeyId, Identity> byKeyId;

  private Keyring(Map<KeyId, Identity> byKeyId) {
    this.byKeyId = Map.copyOf(byKeyId);
  }

  /**
   * @throws IllegalArgumentException if an identity has no recipient (passphrases cannot be keys)
   */
  public static Keyring of(Collection<? extends Identity> identities) {
    Map<KeyId, Identity> map = new LinkedHashMap<>();
    for (Identity identity : identities) {
      Recipient recipient =
          identity
              .recipient()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "an identity without a recipient has no key id"));
      map.put(KeyId.of(recipient), identity);
    }
    return new Keyring(map);
  }

  public Optional<Identity> find(KeyId keyId) {
    return Optional.ofNullable(byKeyId.get(keyId));
  }

  public Set<KeyId> keyIds() {
    return byKeyId.keySet();
  }

  public boolean isEmpty() {
    return byKeyId.isEmpty();
  }
}
