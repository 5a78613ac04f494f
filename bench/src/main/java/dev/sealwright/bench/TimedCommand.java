package dev.sealwright.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One run of a command as users run it, a new process: its wall time, its peak RSS from GNU time
 * ({@code /usr/bin/time}, when installed) and what it printed on standard output.
 *
 * @param peakKib peak resident set size in KiB, -1 when GNU time is not installed
 */
public record TimedCommand(double seconds, long peakKib, List<String> stdout) {

  /**
   * Runs {@code command}; fails unless it exits with one of {@code acceptedExits}. Its standard
   * error is discarded (progress lines), its standard output kept.
   */
  public static TimedCommand run(List<String> command, Set<Integer> acceptedExits)
      throws IOException, InterruptedException {
    boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
    Path rssFile = Files.createTempFile("sealwright-bench-", ".rss");
    Path outFile = Files.createTempFile("sealwright-bench-", ".out");
    try {
      List<String> full = new ArrayList<>();
      if (gnuTime) {
        full.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", rssFile.toString()));
      }
      full.addAll(command);
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(full)
              .redirectOutput(outFile.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      int exit = p.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!acceptedExits.contains(exit)) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
      }
      // GNU time writes "Command exited with non-zero status N" first for a non-zero exit.
      long rss = gnuTime ? Long.parseLong(Files.readAllLines(rssFile).getLast().strip()) : -1;
      return new TimedCommand(seconds, rss, Files.readAllLines(outFile, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(rssFile);
      Files.deleteIfExists(outFile);
    }
  }

  /** The peak RSS for a table: MiB, or n/a. */
  public String peak() {
    return peakKib < 0 ? "n/a" : (peakKib / 1024) + " MiB";
  }
}
