package dev.sealwright.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Describes file-system failures in one line, without Java class names. */
public final class IoErrors {
  private IoErrors() {}

  public static CliException describe(IOException e) {
    return switch (e) {
      case NoSuchFileException n ->
          CliException.failed(n.getFile() + ": no such file", "check the path and try again");
      case AccessDeniedException a ->
          CliException.failed(a.getFile() + ": permission denied", "check the file's permissions");
      case FileAlreadyExistsException f ->
          CliException.refused(
              f.getFile() + ": already exists", "choose another path or remove the file first");
      case NotDirectoryException d -> CliException.failed(d.getFile() + ": not a directory");
      default -> CliException.failed("I/O error: " + e.getMessage());
    };
  }
}
