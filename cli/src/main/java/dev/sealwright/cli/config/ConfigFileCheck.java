package dev.sealwright.cli.config;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.FileOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Refuses a {@code .sealwright.yaml} that someone else could have written: one owned by another
 * user, or writable by group or others. Such a file decides where secrets are sealed to, so
 * trusting it would let a co-tenant of a shared folder redirect them to a key of theirs.
 */
final class ConfigFileCheck {
  private ConfigFileCheck() {}

  static void requireTrusted(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(
          file + " is not a regular file", "a .sealwright.yaml must be a file; remove or fix it");
    }
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class);
    } catch (UnsupportedOperationException e) {
      return; // no POSIX owners or modes on this file system: nothing to check
    } catch (IOException e) {
      throw CliException.failed("cannot read the attributes of " + file + ": " + e.getMessage());
    }
    boolean mine;
    try {
      mine = FileOwner.isMine(file);
    } catch (IOException e) {
      throw CliException.failed("cannot read the owner of " + file + ": " + e.getMessage());
    }
    if (!mine) {
      throw CliException.refused(
          file + " belongs to " + attributes.owner().getName() + ", not to you",
          "a configuration another user wrote could seal your secrets to their key; if you trust"
              + " it, copy it and own the copy, or pass --recipient");
    }
    Set<PosixFilePermission> mode = attributes.permissions();
    if (mode.contains(PosixFilePermission.GROUP_WRITE)
        || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw CliException.refused(
          file + " is writable by group or others, who could redirect sealing to their key",
          "run: chmod go-w " + file);
    }
  }
}
