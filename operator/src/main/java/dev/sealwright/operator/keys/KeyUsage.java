package dev.sealwright.operator.keys;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which SealedSecrets name a key id in one of their envelopes: what a retirement waits for. Key ids
 * are read from the envelopes' clear field, no decryption. The listing is bounded, the count is
 * not.
 *
 * @param objects how many objects name the key id
 * @param listed the first {@value #MAX_LISTED} of them by namespace and name
 */
public record KeyUsage(int objects, List<Use> listed) {
  /** Objects listed by name; the rest are only counted. */
  public static final int MAX_LISTED = 20;

  /** Items named per listed object; the rest are only counted. */
  public static final int MAX_ITEMS = 10;

  /**
   * One object that uses the key.
   *
   * @param items the items sealed to the key, sorted, at most {@value #MAX_ITEMS}
   * @param moreItems how many more items are sealed to it
   */
  public record Use(String namespace, String name, List<String> items, int moreItems) {
    public Use {
      items = List.copyOf(items);
    }

    /** {@code namespace/name (items a, b, +3 more)}. */
    public String describe() {
      return namespace
          + "/"
          + name
          + " (item"
          + (items.size() + moreItems == 1 ? " " : "s ")
          + String.join(", ", items)
          + (moreItems > 0 ? ", +" + moreItems + " more" : "")
          + ")";
    }
  }

  public KeyUsage {
    listed = List.copyOf(listed);
  }

  public boolean inUse() {
    return objects > 0;
  }

  /** The objects of {@code source} with an item sealed to {@code keyId}. */
  public static KeyUsage of(Stream<SealedSecret> source, KeyId keyId) {
    List<Use> uses = new ArrayList<>();
    source.forEach(
        ss -> {
          Map<String, String> data = ss.getSpec() == null ? null : ss.getSpec().getEncryptedData();
          if (data == null) {
            return;
          }
          List<String> items =
              data.entrySet().stream()
                  .filter(e -> keyIds(e.getValue()).anyMatch(keyId.value()::equals))
                  .map(Map.Entry::getKey)
                  .sorted()
                  .toList();
          if (!items.isEmpty()) {
            uses.add(
                new Use(
                    ss.getMetadata().getNamespace(),
                    ss.getMetadata().getName(),
                    items.subList(0, Math.min(items.size(), MAX_ITEMS)),
                    Math.max(0, items.size() - MAX_ITEMS)));
          }
        });
    uses.sort(Comparator.comparing(Use::namespace).thenComparing(Use::name));
    return new KeyUsage(uses.size(), uses.subList(0, Math.min(uses.size(), MAX_LISTED)));
  }

  /** The key ids an envelope names in clear; none for a malformed one (its status says why). */
  public static Stream<String> keyIds(String envelope) {
    try {
      return Sealer.keyIds(envelope).stream().map(KeyId::value);
    } catch (SealingException e) {
      return Stream.empty();
    }
  }
}
