package dev.sealwright.cli.history;

import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.ValueChange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Finds every value ever sealed to one key id in the history reachable from HEAD.
 *
 * <p>Commits are visited oldest first (parents before children); each is diffed against its first
 * parent, so only files a commit changed are read. Every distinct envelope of an item is a node;
 * two nodes are one value when a commit replaced one with the other and {@link ItemChange} says the
 * value stayed the same. A value is exposed when one of its envelopes names the key; its status
 * comes from HEAD (does HEAD still hold it?) and else from the latest thing that ended it.
 */
final class ExposureAudit {
  /**
   * @param commits how many commits were walked (at or after {@code --since})
   */
  record Result(List<Exposure> exposed, int commits, CommitInfo head) {}

  private record NodeKey(ItemKey key, long high, long low) {}

  /** One distinct envelope of one item. */
  private static final class Node {
    final ItemKey key;
    final boolean namesKey;
    int firstWritten = Integer.MAX_VALUE;
    int lastWritten = -1;
    String firstPath;
    int endedAt = -1;
    ExposureStatus ending;
    String headPath;

    Node(ItemKey key, boolean namesKey) {
      this.key = key;
      this.namesKey = namesKey;
    }
  }

  private record Rename(int at, String to) {}

  private final KeyId keyId;
  private final SealedBlobs blobs;
  private final ChangeScanner scanner;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<NodeKey, Integer> ids = new HashMap<>();
  private final Lineages lineages = new Lineages();
  private final Map<ObjectId, int[]> blobNodes = new HashMap<>();
  private final Map<String, List<Rename>> renames = new HashMap<>();
  private final List<RevCommit> walked = new ArrayList<>();
  private final Set<String> headPaths = new HashSet<>();

  private ExposureAudit(KeyId keyId, ObjectReader reader, Warnings warnings) {
    this.keyId = keyId;
    this.blobs = new SealedBlobs(reader, warnings);
    this.scanner = new ChangeScanner(reader, blobs);
  }

  /**
   * @param since null for all history; else only commits whose committer date is at or after it
   */
  static Result run(GitRepository repo, KeyId keyId, Instant since, Warnings warnings) {
    try (ObjectReader reader = repo.repository().newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      ExposureAudit audit = new ExposureAudit(keyId, reader, warnings);
      RevCommit head = walk.parseCommit(repo.head());
      audit.walk(walk, head, since);
      audit.readHead(reader, head);
      return new Result(audit.exposures(), audit.walked.size(), CommitInfo.of(head));
    } catch (IOException e) {
      throw GitRepository.damaged(e);
    }
  }

  private void walk(RevWalk walk, RevCommit head, Instant since) throws IOException {
    walk.sort(RevSort.TOPO);
    walk.sort(RevSort.REVERSE, true);
    walk.markStart(head);
    for (RevCommit commit : walk) {
      if (since != null && commit.getCommitTime() < since.getEpochSecond()) {
        continue;
      }
      int at = walked.size();
      walked.add(commit);
      RevCommit first = commit.getParentCount() == 0 ? null : commit.getParent(0);
      List<FileChange> files = scanner.files(commit, first);
      for (FileChange f : files) {
        if (f.renamed()) {
          renames
              .computeIfAbsent(f.oldPath(), p -> new ArrayList<>())
              .add(new Rename(at, f.newPath()));
        }
        if (f.newBlob() != null) {
          blobNodes.computeIfAbsent(f.newBlob().copy(), id -> nodesOf(f.after()));
        }
      }
      for (ItemTransition t : ItemTransition.of(files)) {
        record(at, t);
      }
    }
  }

  private void record(int at, ItemTransition t) {
    int after = t.after() == null ? -1 : node(t.key(), t.after());
    if (after >= 0) {
      Node n = nodes.get(after);
      if (n.namesKey) {
        if (at < n.firstWritten) {
          n.firstWritten = at;
          n.firstPath = t.path();
        }
        n.lastWritten = Math.max(n.lastWritten, at);
      }
    }
    if (t.before() == null) {
      return;
    }
    int before = node(t.key(), t.before());
    if (after < 0) {
      end(before, at, t.unknown() ? ExposureStatus.UNKNOWN : ExposureStatus.REMOVED);
      return;
    }
    ItemChange change = ItemChange.between(t.before(), t.after());
    if (change.sameValue()) {
      lineages.union(before, after);
    } else {
      end(
          before,
          at,
          change.value() == ValueChange.CHANGED ? ExposureStatus.CHANGED : ExposureStatus.UNKNOWN);
    }
  }

  private void end(int node, int at, ExposureStatus how) {
    Node n = nodes.get(node);
    if (at >= n.endedAt) {
      n.endedAt = at;
      n.ending = how;
    }
  }

  private int node(ItemKey key, ItemChange.Facts envelope) {
    NodeKey nk = new NodeKey(key, envelope.high(), envelope.low());
    Integer id = ids.get(nk);
    if (id == null) {
      id = nodes.size();
      nodes.add(new Node(key, envelope.keyIds().contains(keyId)));
      ids.put(nk, id);
      lineages.add();
    }
    return id;
  }

  private int[] nodesOf(SealedFile file) {
    return file.items().entrySet().stream().mapToInt(e -> node(e.getKey(), e.getValue())).toArray();
  }

  /** Marks the envelopes HEAD holds, and where. */
  private void readHead(ObjectReader reader, RevCommit head) throws IOException {
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.setRecursive(true);
      tw.addTree(head.getTree());
      tw.setFilter(ChangeScanner.CANDIDATES);
      while (tw.next()) {
        String path = tw.getPathString();
        headPaths.add(path);
        ObjectId blob = tw.getObjectId(0);
        int[] held = blobNodes.get(blob);
        if (held == null) {
          // Only with --since: a file last changed before it.
          held = nodesOf(blobs.read(blob, path + " at HEAD"));
          blobNodes.put(blob, held);
        }
        for (int id : held) {
          Node n = nodes.get(id);
          if (n.headPath == null) {
            n.headPath = path;
          }
        }
      }
    }
  }

  private List<Exposure> exposures() {
    Map<Integer, List<Node>> byLineage = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      byLineage.computeIfAbsent(lineages.find(i), r -> new ArrayList<>()).add(nodes.get(i));
    }
    record Found(int first, Exposure exposure) {}
    List<Found> found = new ArrayList<>();
    for (List<Node> lineage : byLineage.values()) {
      Node first = null;
      Node last = null;
      Node atHead = null;
      Node ended = null;
      for (Node n : lineage) {
        if (n.namesKey && n.lastWritten >= 0) {
          first = first == null || n.firstWritten < first.firstWritten ? n : first;
          last = last == null || n.lastWritten > last.lastWritten ? n : last;
        }
        if (n.headPath != null && (atHead == null || (n.namesKey && !atHead.namesKey))) {
          atHead = n;
        }
        if (n.endedAt >= 0 && (ended == null || n.endedAt > ended.endedAt)) {
          ended = n;
        }
      }
      if (first == null) {
        continue;
      }
      ExposureStatus status;
      String fileAtHead;
      if (atHead != null) {
        status = atHead.namesKey ? ExposureStatus.CURRENT : ExposureStatus.RESEALED;
        fileAtHead = atHead.headPath;
      } else {
        // Dropped by a merge without a commit of its own ending it: no longer at HEAD.
        status = ended == null ? ExposureStatus.REMOVED : ended.ending;
        String moved = renamed(first.firstPath, first.firstWritten);
        fileAtHead = headPaths.contains(moved) ? moved : null;
      }
      found.add(
          new Found(
              first.firstWritten,
              new Exposure(
                  first.key,
                  first.firstPath,
                  fileAtHead,
                  CommitInfo.of(walked.get(first.firstWritten)),
                  CommitInfo.of(walked.get(last.lastWritten)),
                  status)));
    }
    return found.stream()
        .sorted(
            Comparator.comparingInt(Found::first)
                .thenComparing(f -> f.exposure().key())
                .thenComparing(f -> f.exposure().file()))
        .map(Found::exposure)
        .toList();
  }

  /** Where the file at {@code path} in commit {@code at} went through later renames. */
  private String renamed(String path, int at) {
    String p = path;
    int from = at;
    for (int step = 0; step < walked.size(); step++) {
      Rename next = null;
      for (Rename r : renames.getOrDefault(p, List.of())) {
        if (r.at() > from && (next == null || r.at() < next.at())) {
          next = r;
        }
      }
      if (next == null) {
        break;
      }
      p = next.to();
      from = next.at();
    }
    return p;
  }
}
