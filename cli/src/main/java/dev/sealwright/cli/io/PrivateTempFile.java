package dev.sealwright.cli.io;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the user's editor on plaintext. The text lives in a file readable only by the user, inside a
 * directory only the user can enter, on a memory file system where there is one (/dev/shm), and is
 * overwritten and removed on every exit path, including Ctrl-C.
 */
public final class PrivateTempFile {
  private PrivateTempFile() {}

  /** Lets the user edit {@code text}; returns the saved text. */
  public static String edit(CliEnv env, String fileName, String text) {
    String editor =
        env.getenv("SEALWRIGHT_EDITOR")
            .or(() -> env.getenv("VISUAL"))
            .or(() -> env.getenv("EDITOR"))
            .orElse("vi");
    Path dir = null;
    Thread cleanup = null;
    sweepStale(env, base());
    try {
      dir =
          Files.createTempDirectory(
              base(),
              PREFIX + ProcessHandle.current().pid() + "-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file = dir.resolve(fileName.endsWith(".yaml") ? fileName : fileName + ".yaml");
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardCharsets.UTF_8);
      final Path toRemove = dir;
      cleanup = new Thread(() -> remove(toRemove));
      Runtime.getRuntime().addShutdownHook(cleanup);
      // The editor string may carry arguments ("code --wait"), as with git; the shell splits it.
      Process process =
          new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sealwright-edit", file.toString())
              .directory(env.workingDir().toFile())
              .inheritIO()
              .start();
      int status = process.waitFor();
      if (status != 0) {
        throw CliException.failed(
            "the editor (" + editor + ") exited with status " + status,
            "the SealedSecret file was left unchanged");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.failed(
          "cannot run the editor (" + editor + "): " + e.getMessage(),
          "set EDITOR to an editor command, for example EDITOR=nano");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failed("interrupted while waiting for the editor");
    } finally {
      if (dir != null) {
        remove(dir);
      }
      if (cleanup != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running or has run; it removes the same directory.
        }
      }
    }
  }

  /**
   * Edit folders are named {@code sealwright-edit-<pid>-<random>}: the pid shows which are stale.
   */
  static final String PREFIX = "sealwright-edit-";

  /**
   * Removes this user's edit folders whose process is gone: a kill -9 or a power cut skips every
   * exit path, and plaintext in /dev/shm would otherwise stay until the next boot. Folders of other
   * users, and of edits still running, are left alone.
   */
  static void sweepStale(CliEnv env, Path base) {
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && FileOwner.isMine(entry, LinkOption.NOFOLLOW_LINKS)
            && !running(entry.getFileName().toString())) {
          stale.add(entry);
        }
      }
    } catch (IOException e) {
      return; // nothing to sweep that we can see
    }
    for (Path dir : stale) {
      remove(dir);
      env.err()
          .println("sealwright: removed " + dir + ", left with plaintext by an interrupted edit");
    }
  }

  private static boolean running(String folderName) {
    String rest = folderName.substring(PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false; // named by an older version without its pid: no edit of ours is using it
    }
  }

  private static Path base() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? shm
        : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Overwrites then deletes every file under {@code dir}, then {@code dir}. */
  static void remove(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(p)) {
          Files.write(p, new byte[(int) Math.min(Files.size(p), 1 << 24)]);
        }
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("sealwright: warning: could not remove " + dir + "; delete it by hand");
    }
  }
}
