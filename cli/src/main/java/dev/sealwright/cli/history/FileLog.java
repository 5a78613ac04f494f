package dev.sealwright.cli.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The history of one sealed file, newest first, followed back through renames: every commit
 * reachable from HEAD that changed one of its items (or moved it). A merge is compared with its
 * first parent, and lists only what neither parent had: changes made on the merged branch are
 * listed at that branch's own commits, with their own authors.
 */
final class FileLog {
  /** What one commit did to the file: the items it changed (only ITEM when one was named). */
  record Entry(CommitInfo commit, String path, String renamedFrom, List<ItemTransition> items) {}

  /**
   * @param items every item the file had in any version read, for "no such item" messages
   * @param found whether any commit touched the file at all
   */
  record Result(List<Entry> entries, Set<String> items, boolean found) {}

  private final ObjectReader reader;
  private final ChangeScanner scanner;
  private final SealedBlobs blobs;

  private FileLog(ObjectReader reader, Warnings warnings) {
    this.reader = reader;
    this.blobs = new SealedBlobs(reader, warnings);
    this.scanner = new ChangeScanner(reader, blobs);
  }

  static Result of(GitRepository repo, String path, String item, Warnings warnings) {
    try (ObjectReader reader = repo.repository().newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      return new FileLog(reader, warnings).walk(walk, repo.head(), path, item);
    } catch (IOException e) {
      throw GitRepository.damaged(e);
    }
  }

  private Result walk(RevWalk walk, ObjectId head, String path, String item) throws IOException {
    walk.sort(RevSort.TOPO);
    walk.markStart(walk.parseCommit(head));
    // The file's path in each commit still to visit; TOPO order visits children first.
    Map<ObjectId, String> pathAt = new HashMap<>();
    pathAt.put(head, path);
    List<Entry> entries = new ArrayList<>();
    Set<String> items = new TreeSet<>();
    boolean found = false;
    for (RevCommit commit : walk) {
      String p = pathAt.remove(commit);
      if (p == null) {
        continue;
      }
      RevCommit first = commit.getParentCount() == 0 ? null : commit.getParent(0);
      FileChange change = scanner.file(commit, first, p);
      String origin = p;
      if (change != null) {
        found = true;
        origin = change.oldPath();
        change.before().items().keySet().forEach(k -> items.add(k.item()));
        change.after().items().keySet().forEach(k -> items.add(k.item()));
        Entry entry = entry(commit, p, change, item);
        if (entry != null) {
          entries.add(entry);
        }
      }
      if (first != null && origin != null) {
        pathAt.putIfAbsent(first, origin);
      }
      for (int i = 1; i < commit.getParentCount(); i++) {
        pathAt.putIfAbsent(commit.getParent(i), p);
      }
    }
    return new Result(List.copyOf(entries), items, found);
  }

  private Entry entry(RevCommit commit, String path, FileChange change, String item)
      throws IOException {
    List<ItemTransition> changed = new ArrayList<>();
    for (ItemTransition t : ItemTransition.of(List.of(change))) {
      if (item == null || t.key().item().equals(item)) {
        changed.add(t);
      }
    }
    String renamedFrom = change.renamed() ? change.oldPath() : null;
    for (int i = 1; i < commit.getParentCount(); i++) {
      SealedFile other = fileAt(commit.getParent(i), path);
      if (other == null) {
        continue;
      }
      // The merged branch already had the file there, and the items it shares with the merge.
      renamedFrom = null;
      changed.removeIf(
          t -> other.readable() && java.util.Objects.equals(other.items().get(t.key()), t.after()));
    }
    return changed.isEmpty() && renamedFrom == null
        ? null
        : new Entry(CommitInfo.of(commit), path, renamedFrom, List.copyOf(changed));
  }

  /** The file at {@code path} in {@code commit}; null when there is none. */
  private SealedFile fileAt(RevCommit commit, String path) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(reader, path, commit.getTree())) {
      if (tw == null) {
        return null;
      }
      return blobs.read(tw.getObjectId(0), path + " at " + commit.abbreviate(7).name());
    }
  }
}
