package dev.sealwright.cli.history;

import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The sealed items of one version of a file: item to what its envelope says. A file that holds no
 * SealedSecret has none; one that could not be read is {@link #UNREADABLE}, which is not the same
 * as empty (its items are not known to be gone).
 */
record SealedFile(boolean readable, SortedMap<ItemKey, ItemChange.Facts> items) {
  static final SealedFile EMPTY = new SealedFile(true, new TreeMap<>());
  static final SealedFile UNREADABLE = new SealedFile(false, new TreeMap<>());

  SealedFile {
    items = Collections.unmodifiableSortedMap(new TreeMap<>(items));
  }

  Set<String> objects() {
    return items.keySet().stream().map(ItemKey::object).collect(Collectors.toSet());
  }
}
