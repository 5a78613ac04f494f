package dev.sealwright.cli.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a failure never leaves a partial or truncated file: the content goes to a
 * temporary file beside the target, which is then renamed over it.
 */
public final class AtomicFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  /** Replaces (or creates) {@code target} with {@code text}, keeping an existing file's mode. */
  public static void replace(Path target, String text) throws IOException {
    if (Files.isSymbolicLink(target)) {
      // Keep the link: a repository may link a shared SealedSecret into several places.
      target = target.toRealPath();
    }
    Path dir = target.toAbsolutePath().getParent();
    Set<PosixFilePermission> mode =
        Files.exists(target)
            ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS)
            : null;
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        // On disk before the rename, so a crash leaves the old file or the new one, never an empty
        // one.
        channel.force(true);
      }
      if (mode != null) {
        Files.setPosixFilePermissions(temp, mode);
      } else {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates {@code target} readable by its owner only, refusing to replace an existing file. The
   * content is written to a private temporary file and linked into place, which fails atomically if
   * the target appeared meanwhile.
   *
   * @throws FileAlreadyExistsException if {@code target} exists
   */
  public static void createPrivate(Path target, byte[] content) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    FileAttribute<Set<PosixFilePermission>> ownerOnly =
        PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", ownerOnly);
    try {
      Files.write(temp, content, StandardOpenOption.TRUNCATE_EXISTING);
      Files.createLink(target, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
