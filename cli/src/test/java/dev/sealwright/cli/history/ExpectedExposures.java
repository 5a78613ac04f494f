package dev.sealwright.cli.history;

import dev.sealwright.cli.history.HistoryRepo.Commit;
import dev.sealwright.cli.history.HistoryRepo.Location;
import dev.sealwright.envelope.ValueChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code audit exposure} must list, worked out from {@link HistoryRepo}'s record (which value
 * every envelope holds) by the rules docs/cli.md states: one entry per value sealed to the key, a
 * value being the envelopes of one item linked by commits that kept the value; first and last are
 * the commits that wrote it (against their first parent) sealed to the key; the status comes from
 * HEAD, else from the latest commit that ended it.
 */
final class ExpectedExposures {
  /** One exposed value, as the JSON output names it. */
  record Row(
      String object,
      String item,
      String file,
      String fileAtHead,
      String first,
      String last,
      String status) {}

  private ExpectedExposures() {}

  /**
   * What {@link ItemChange} can tell from two different envelopes whose values are the same ({@code
   * sameValue}) or not: the builder's envelopes carry value tags, and its re-seals keep them.
   */
  static ValueChange tellable(boolean sameValue) {
    return sameValue ? ValueChange.RESEALED : ValueChange.CHANGED;
  }

  private static final class Node {
    final ItemKey key;
    final boolean namesKey;
    int root;
    int firstWritten = -1;
    int lastWritten = -1;
    String firstPath;
    int firstFile;
    int endedAt = -1;
    String ending;
    String headPath;

    Node(ItemKey key, boolean namesKey, int id) {
      this.key = key;
      this.namesKey = namesKey;
      this.root = id;
    }
  }

  /** The rows for {@code keyName}, walking commits from index {@code since} on. */
  static List<Row> of(HistoryRepo history, String keyName, int since) {
    List<Commit> commits = history.commits();
    List<Node> nodes = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (Commit c : commits) {
      if (c.index() < since) {
        continue;
      }
      Map<ItemKey, Location> parent =
          c.parents().isEmpty() ? Map.of() : commits.get(c.parents().getFirst()).items();
      Set<ItemKey> keys = new TreeSet<>(parent.keySet());
      keys.addAll(c.items().keySet());
      for (ItemKey k : keys) {
        Location before = parent.get(k);
        Location after = c.at(k);
        if (before != null && after != null && before.sealed().equals(after.sealed())) {
          continue;
        }
        if (after != null) {
          Node n = node(nodes, ids, k, after, keyName);
          if (n.namesKey) {
            if (n.firstWritten < 0) {
              n.firstWritten = c.index();
              n.firstPath = after.path();
              n.firstFile = after.file();
            }
            n.lastWritten = c.index();
          }
        }
        if (before == null) {
          continue;
        }
        Node b = node(nodes, ids, k, before, keyName);
        if (after == null) {
          end(b, c.index(), "removed");
          continue;
        }
        ValueChange told = tellable(before.sealed().value() == after.sealed().value());
        Node a = node(nodes, ids, k, after, keyName);
        if (told == ValueChange.RESEALED) {
          union(nodes, b, a);
        } else {
          end(b, c.index(), told == ValueChange.CHANGED ? "changed" : "unknown");
        }
      }
    }
    Commit head = history.head();
    Map<Integer, String> headPathOfFile = new HashMap<>();
    head.items()
        .forEach(
            (k, loc) -> {
              headPathOfFile.put(loc.file(), loc.path());
              Integer id = ids.get(k + loc.sealed().envelope());
              if (id != null) {
                nodes.get(id).headPath = loc.path();
              }
            });
    Map<Integer, List<Node>> lineages = new LinkedHashMap<>();
    for (Node n : nodes) {
      lineages.computeIfAbsent(find(nodes, n), r -> new ArrayList<>()).add(n);
    }
    List<Row> rows = new ArrayList<>();
    for (List<Node> lineage : lineages.values()) {
      List<Node> sealedToKey =
          lineage.stream().filter(n -> n.namesKey && n.firstWritten >= 0).toList();
      if (sealedToKey.isEmpty()) {
        continue;
      }
      Node first = sealedToKey.stream().min(Comparator.comparingInt(n -> n.firstWritten)).get();
      int last = sealedToKey.stream().mapToInt(n -> n.lastWritten).max().getAsInt();
      List<Node> atHead = lineage.stream().filter(n -> n.headPath != null).toList();
      Optional<Node> atHeadWithKey = atHead.stream().filter(n -> n.namesKey).findFirst();
      Optional<Node> lastEnded =
          lineage.stream().filter(n -> n.endedAt >= 0).max(Comparator.comparingInt(n -> n.endedAt));
      // Status: at HEAD with the key, at HEAD without it, else how it last ended (a merge that
      // dropped it without a commit of its own counts as removed).
      String status =
          atHeadWithKey.isPresent()
              ? "current"
              : !atHead.isEmpty() ? "re-sealed" : lastEnded.map(n -> n.ending).orElse("removed");
      String fileAtHead =
          atHeadWithKey
              .or(() -> atHead.stream().findFirst())
              .map(n -> n.headPath)
              .orElse(headPathOfFile.get(first.firstFile));
      rows.add(
          new Row(
              first.key.object(),
              first.key.item(),
              first.firstPath,
              fileAtHead,
              commits.get(first.firstWritten).id(),
              commits.get(last).id(),
              status));
    }
    return rows;
  }

  private static Node node(
      List<Node> nodes, Map<String, Integer> ids, ItemKey k, Location loc, String keyName) {
    return nodes.get(
        ids.computeIfAbsent(
            k + loc.sealed().envelope(),
            x -> {
              nodes.add(new Node(k, loc.sealed().keys().contains(keyName), nodes.size()));
              return nodes.size() - 1;
            }));
  }

  private static void end(Node n, int at, String how) {
    if (at >= n.endedAt) {
      n.endedAt = at;
      n.ending = how;
    }
  }

  private static int find(List<Node> nodes, Node n) {
    Node r = n;
    while (nodes.get(r.root) != r) {
      r = nodes.get(r.root);
    }
    return r.root;
  }

  private static void union(List<Node> nodes, Node a, Node b) {
    int ra = find(nodes, a);
    int rb = find(nodes, b);
    nodes.get(Math.max(ra, rb)).root = Math.min(ra, rb);
  }
}
