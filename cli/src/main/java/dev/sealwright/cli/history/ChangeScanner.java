package dev.sealwright.cli.history;

import dev.sealwright.cli.io.Inputs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The sealed files one commit changed, against its first parent (a merge is diffed against its
 * first parent too: what the merge brought into that line). Only paths that differ are visited
 * ({@link TreeFilter#ANY_DIFF} skips unchanged folders whole), and only files that can hold a
 * SealedSecret: {@code .yaml}, {@code .yml}, {@code .json}.
 */
final class ChangeScanner {
  static final TreeFilter CANDIDATES =
      OrTreeFilter.create(
          new TreeFilter[] {
            PathSuffixFilter.create(".yaml"),
            PathSuffixFilter.create(".yml"),
            PathSuffixFilter.create(".json")
          });

  private final ObjectReader reader;
  private final SealedBlobs blobs;

  ChangeScanner(ObjectReader reader, SealedBlobs blobs) {
    this.reader = reader;
    this.blobs = blobs;
  }

  /** Every sealed file {@code commit} changed, renames paired. */
  List<FileChange> files(RevCommit commit, RevCommit parent) {
    return files(commit, parent, CANDIDATES);
  }

  /**
   * How {@code commit} changed the file at {@code path}; null when it did not. When the file is new
   * there, the change names the file it was renamed from, if any.
   */
  FileChange file(RevCommit commit, RevCommit parent, String path) {
    List<FileChange> direct = files(commit, parent, PathFilter.create(path));
    FileChange change =
        direct.stream()
            .filter(f -> path.equals(f.newPath()) || path.equals(f.oldPath()))
            .findFirst()
            .orElse(null);
    if (change == null || change.oldPath() != null || parent == null) {
      return change;
    }
    // Added here: look for where it came from among everything this commit changed.
    TreeFilter filter = OrTreeFilter.create(CANDIDATES, PathFilter.create(path));
    return files(commit, parent, filter).stream()
        .filter(f -> path.equals(f.newPath()))
        .findFirst()
        .orElse(change);
  }

  private List<FileChange> files(RevCommit commit, RevCommit parent, TreeFilter filter) {
    List<DiffEntry> entries;
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.setRecursive(true);
      if (parent == null) {
        walk.addTree(new EmptyTreeIterator());
      } else {
        walk.addTree(parent.getTree());
      }
      walk.addTree(commit.getTree());
      walk.setFilter(AndTreeFilter.create(TreeFilter.ANY_DIFF, filter));
      entries = DiffEntry.scan(walk);
    } catch (IOException e) {
      throw GitRepository.damaged(e);
    }
    entries = detectRenames(entries);
    String at = " at " + commit.abbreviate(7).name();
    List<FileChange> changes = new ArrayList<>();
    for (DiffEntry e : entries) {
      boolean hadOld = e.getChangeType() != DiffEntry.ChangeType.ADD && regular(e.getOldMode());
      boolean hasNew = e.getChangeType() != DiffEntry.ChangeType.DELETE && regular(e.getNewMode());
      // A copy leaves its source in place: for items it is a new file.
      if (e.getChangeType() == DiffEntry.ChangeType.COPY) {
        hadOld = false;
      }
      if (!hadOld && !hasNew) {
        continue;
      }
      String oldPath = hadOld ? e.getOldPath() : null;
      String newPath = hasNew ? e.getNewPath() : null;
      ObjectId newBlob = hasNew ? e.getNewId().toObjectId() : null;
      SealedFile before =
          hadOld ? blobs.read(e.getOldId().toObjectId(), oldPath + at + "^") : SealedFile.EMPTY;
      SealedFile after = hasNew ? blobs.read(newBlob, newPath + at) : SealedFile.EMPTY;
      changes.add(new FileChange(oldPath, newPath, before, after, newBlob));
    }
    return pairMovedFiles(changes);
  }

  private List<DiffEntry> detectRenames(List<DiffEntry> entries) {
    boolean adds = entries.stream().anyMatch(e -> e.getChangeType() == DiffEntry.ChangeType.ADD);
    boolean deletes =
        entries.stream().anyMatch(e -> e.getChangeType() == DiffEntry.ChangeType.DELETE);
    if (!adds || !deletes) {
      return entries;
    }
    RenameDetector renames = new RenameDetector(reader, new Config().get(DiffConfig.KEY));
    // Content similarity reads whole blobs; hostile ones stay within the input limit.
    renames.setBigFileThreshold(Inputs.MAX_INPUT_BYTES);
    renames.addAll(entries);
    try {
      return renames.compute(reader, NullProgressMonitor.INSTANCE);
    } catch (IOException e) {
      throw GitRepository.damaged(e);
    } catch (CanceledException e) {
      throw new IllegalStateException("rename detection has no way to be canceled here", e);
    }
  }

  /**
   * A file deleted and one added in the same commit that hold the same SealedSecret objects are one
   * file moved: moving and re-sealing at once changes every envelope, so content similarity misses
   * it.
   */
  private static List<FileChange> pairMovedFiles(List<FileChange> changes) {
    IdentityHashMap<FileChange, FileChange> sourceOf = new IdentityHashMap<>();
    Set<FileChange> sources = Collections.newSetFromMap(new IdentityHashMap<>());
    for (FileChange added : changes) {
      if (added.oldPath() != null || added.after().objects().isEmpty()) {
        continue;
      }
      for (FileChange deleted : changes) {
        if (deleted.newPath() == null
            && !sources.contains(deleted)
            && !Collections.disjoint(deleted.before().objects(), added.after().objects())) {
          sourceOf.put(added, deleted);
          sources.add(deleted);
          break;
        }
      }
    }
    if (sources.isEmpty()) {
      return changes;
    }
    List<FileChange> result = new ArrayList<>();
    for (FileChange c : changes) {
      FileChange source = sourceOf.get(c);
      if (source != null) {
        result.add(
            new FileChange(source.oldPath(), c.newPath(), source.before(), c.after(), c.newBlob()));
      } else if (!sources.contains(c)) {
        result.add(c);
      }
    }
    return result;
  }

  private static boolean regular(FileMode mode) {
    return mode.getObjectType() == Constants.OBJ_BLOB && mode != FileMode.SYMLINK;
  }
}
