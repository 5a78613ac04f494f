package dev.sealwright.testenv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the scripts in {@code testenv/} for the JUnit side. */
final class Scripts {
  private Scripts() {}

  /**
   * Runs {@code testenv/<name> args...} with its output in {@code testenv/.state/<name>.out}:
   * failsafe reads the forked JVM's stdout, so a child writing there would corrupt the test report.
   */
  static void run(Path root, String name, String... args) {
    Path out = root.resolve("testenv/.state/" + name + ".out");
    List<String> command =
        new ArrayList<>(List.of("bash", root.resolve("testenv/" + name).toString()));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(out.getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      int exit =
          ChildProcesses.await(
              process, timeout(name), "testenv/" + name + " (output in " + out + ")");
      if (exit != 0) {
        List<String> lines = Files.readAllLines(out);
        String tail =
            String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        throw new IllegalStateException(
            "testenv/"
                + name
                + " failed with exit code "
                + exit
                + " (full output in "
                + out
                + "):\n"
                + tail);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run testenv/" + name, e);
    }
  }

  /**
   * How long a script may run. {@code up} builds the binaries from source on a fresh machine (5-15
   * min, more on a busy one) and may wait for another build's {@code up} holding the lock; the
   * others take seconds.
   */
  static Duration timeout(String name) {
    return name.equals("up") ? Duration.ofMinutes(60) : Duration.ofMinutes(10);
  }
}
