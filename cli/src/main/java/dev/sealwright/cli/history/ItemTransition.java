package dev.sealwright.cli.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One item whose envelope a commit changed: added ({@code before} null), removed ({@code after}
 * null) or replaced.
 *
 * @param unknown the other side's file could not be read, so a null there means "not known", not
 *     added or removed
 * @param path where the item is after the commit (before it, for a removal)
 */
record ItemTransition(
    ItemKey key, ItemChange.Facts before, ItemChange.Facts after, boolean unknown, String path) {

  /**
   * The item transitions of one commit's file changes. An item that leaves one file and appears in
   * another in the same commit (a file moved and re-sealed at once, which rename detection cannot
   * see) is paired by its object and item into one transition.
   */
  static List<ItemTransition> of(List<FileChange> files) {
    List<ItemTransition> result = new ArrayList<>();
    Map<ItemKey, ItemTransition> removed = new LinkedHashMap<>();
    Map<ItemKey, ItemTransition> added = new LinkedHashMap<>();
    for (FileChange f : files) {
      String oldPath = f.oldPath();
      String path = f.newPath() == null ? oldPath : f.newPath();
      if (!f.before().readable() || !f.after().readable()) {
        boolean afterKnown = f.after().readable();
        SealedFile known = afterKnown ? f.after() : f.before();
        known
            .items()
            .forEach(
                (key, envelope) ->
                    result.add(
                        afterKnown
                            ? new ItemTransition(key, null, envelope, true, path)
                            : new ItemTransition(key, envelope, null, true, path)));
        continue;
      }
      var keys = new TreeSet<>(f.before().items().keySet());
      keys.addAll(f.after().items().keySet());
      for (ItemKey key : keys) {
        ItemChange.Facts b = f.before().items().get(key);
        ItemChange.Facts a = f.after().items().get(key);
        if (b == null) {
          added.putIfAbsent(key, new ItemTransition(key, null, a, false, path));
        } else if (a == null) {
          removed.putIfAbsent(key, new ItemTransition(key, b, null, false, oldPath));
        } else if (!a.sameEnvelope(b)) {
          result.add(new ItemTransition(key, b, a, false, path));
        }
      }
    }
    for (ItemTransition add : added.values()) {
      ItemTransition gone = removed.remove(add.key());
      if (gone == null) {
        result.add(add);
      } else if (!gone.before().sameEnvelope(add.after())) {
        result.add(new ItemTransition(add.key(), gone.before(), add.after(), false, add.path()));
      }
    }
    result.addAll(removed.values());
    return result;
  }
}
