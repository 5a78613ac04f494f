package dev.sealwright.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Whether a file belongs to the user running this process. */
public final class FileOwner {
  private FileOwner() {}

  /** Compares numeric user ids where Linux shows the process's own (names need not be unique). */
  public static boolean isMine(Path file, LinkOption... options) throws IOException {
    try {
      Object mine = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return mine.equals(Files.getAttribute(file, "unix:uid", options));
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return Files.getOwner(file, options).getName().equals(System.getProperty("user.name"));
    }
  }
}
