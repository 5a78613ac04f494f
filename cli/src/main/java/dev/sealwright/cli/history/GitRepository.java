package dev.sealwright.cli.history;

import dev.sealwright.cli.CliException;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** A Git repository opened for reading its history, found from a folder inside its work tree. */
final class GitRepository implements AutoCloseable {
  private final Repository repository;
  private final ObjectId head;

  private GitRepository(Repository repository, ObjectId head) {
    this.repository = repository;
    this.head = head;
  }

  /**
   * Opens the repository that {@code start} is in (itself or a parent folder).
   *
   * @param shown how messages name {@code start}
   * @param hint what to do when {@code start} is in no repository
   */
  static GitRepository find(Path start, String shown, String hint) {
    NoGitProcess.install();
    PackCache.install();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(start.toFile());
    if (builder.getGitDir() == null) {
      throw CliException.failed(shown + " is not in a Git repository", hint);
    }
    Repository repository;
    try {
      repository = builder.setMustExist(true).build();
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.failed(
          "cannot open the Git repository at " + builder.getGitDir() + ": " + e.getMessage(),
          "check that it is a Git repository ('git status' there)");
    }
    ObjectId head;
    try {
      head = repository.resolve(Constants.HEAD + "^{commit}");
    } catch (IOException e) {
      repository.close();
      throw damaged(e);
    }
    if (head == null) {
      repository.close();
      throw CliException.failed(
          "the Git repository at " + builder.getGitDir() + " has no commits yet",
          "commit the sealed files first; history starts with the first commit");
    }
    return new GitRepository(repository, head);
  }

  Repository repository() {
    return repository;
  }

  ObjectId head() {
    return head;
  }

  /** The work tree; null for a bare repository. */
  Path workTree() {
    return repository.isBare() ? null : repository.getWorkTree().toPath().toAbsolutePath();
  }

  /** A failure reading objects that should be there: the repository, not the input, is wrong. */
  static CliException damaged(IOException e) {
    return CliException.failed(
        "cannot read the Git history: " + e.getMessage(),
        "the repository may be damaged or a shallow clone; 'git fsck' checks it");
  }

  @Override
  public void close() {
    repository.close();
  }
}
