package dev.sealwright.bench.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * The file tree of the generated repository, kept in memory and written to Git incrementally: a
 * commit that changes one file rewrites only the folders on its path, not all 5,000 entries.
 * Folders hold either folders or files, never both, so plain name order is Git's order.
 */
final class GitTrees {
  private record Entry(FileMode mode, ObjectId id) {}

  private final Map<String, TreeMap<String, Entry>> folders = new HashMap<>();
  private final Set<String> dirty = new TreeSet<>();

  GitTrees() {
    folders.put("", new TreeMap<>());
  }

  void put(String path, ObjectId blob) {
    String folder = parent(path);
    folders
        .computeIfAbsent(folder, f -> new TreeMap<>())
        .put(name(path), new Entry(FileMode.REGULAR_FILE, blob));
    touch(folder);
  }

  void remove(String path) {
    String folder = parent(path);
    folders.get(folder).remove(name(path));
    touch(folder);
  }

  ObjectId write(ObjectInserter ins) throws IOException {
    List<String> order = new ArrayList<>(dirty);
    order.sort(Comparator.comparingInt((String f) -> depth(f)).reversed());
    for (String folder : order) {
      TreeMap<String, Entry> entries = folders.get(folder);
      ObjectId id = null;
      if (!entries.isEmpty()) {
        TreeFormatter tree = new TreeFormatter();
        entries.forEach((name, e) -> tree.append(name, e.mode(), e.id()));
        id = ins.insert(tree);
      }
      if (!folder.isEmpty()) {
        TreeMap<String, Entry> up = folders.get(parent(folder));
        if (id == null) {
          up.remove(name(folder));
          folders.remove(folder);
        } else {
          up.put(name(folder), new Entry(FileMode.TREE, id));
        }
      } else {
        dirty.clear();
        return id;
      }
    }
    throw new IllegalStateException("the root folder was not written");
  }

  private void touch(String folder) {
    for (String f = folder; ; f = parent(f)) {
      dirty.add(f);
      folders.computeIfAbsent(f, x -> new TreeMap<>());
      if (f.isEmpty()) {
        return;
      }
    }
  }

  private static int depth(String folder) {
    return folder.isEmpty() ? 0 : folder.split("/").length;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
