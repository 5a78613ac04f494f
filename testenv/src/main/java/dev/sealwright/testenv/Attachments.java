package dev.sealwright.testenv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which JVMs use the control plane, one file per pid in {@code testenv/.state/users}, so that when
 * two test JVMs share it (parallel builds, two modules at once) the last one out stops it, not the
 * first. {@code testenv/up} and {@code testenv/down} delete the folder with the rest of the state.
 */
final class Attachments {
  private final Path users;
  private final Path self;

  Attachments(Path state) {
    this.users = state.resolve("users");
    this.self = users.resolve(Long.toString(ProcessHandle.current().pid()));
  }

  void attach() {
    try {
      Files.createDirectories(users);
      Files.writeString(self, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record this JVM in " + users, e);
    }
  }

  /** Detaches this JVM; true if no other live JVM is still attached. */
  boolean detachLast() {
    try {
      Files.deleteIfExists(self);
      try (Stream<Path> others = Files.list(users)) {
        return others.noneMatch(Attachments::alive);
      }
    } catch (IOException e) {
      return false; // the state is gone or unreadable: stopping might hit someone else's run
    }
  }

  private static boolean alive(Path user) {
    try {
      return ProcessHandle.of(Long.parseLong(user.getFileName().toString()))
          .map(ProcessHandle::isAlive)
          .orElse(false);
    } catch (NumberFormatException notOurs) {
      return false;
    }
  }
}
