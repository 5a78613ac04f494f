package dev.sealwright.cli.history;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One sealed file as one commit changed it, against the commit's first parent.
 *
 * @param oldPath null when the file was added
 * @param newPath null when the file was deleted
 * @param newBlob the new version's blob; null when deleted
 */
record FileChange(
    String oldPath, String newPath, SealedFile before, SealedFile after, ObjectId newBlob) {

  boolean renamed() {
    return oldPath != null && newPath != null && !oldPath.equals(newPath);
  }
}
