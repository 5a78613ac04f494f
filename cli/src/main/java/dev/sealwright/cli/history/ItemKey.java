package dev.sealwright.cli.history;

import java.util.Comparator;

/**
 * One item of one SealedSecret, as history follows it: by the object's {@code namespace/name} (not
 * by file, so a moved file keeps its items) and the item key.
 */
record ItemKey(String object, String item) implements Comparable<ItemKey> {
  private static final Comparator<ItemKey> ORDER =
      Comparator.comparing(ItemKey::object).thenComparing(ItemKey::item);

  @Override
  public int compareTo(ItemKey other) {
    return ORDER.compare(this, other);
  }
}
