package dev.sealwright.cli.io;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
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
    try {
      dir =
          Files.createTempDirectory(
              base(),
              "sealwright-edit-",
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
