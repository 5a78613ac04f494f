package dev.sealwright.bench.history;

import dev.sealwright.bench.TimedCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code sealwright audit exposure} and {@code sealwright log} as users run them (the
 * launcher, a fresh JVM per run) on a generated repository of 10,000 commits and 5,000 sealed
 * files, and prints the Markdown table of {@code docs/benchmarks.md}. Not a test: run it by hand.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.sealwright.bench.history.HistoryBenchmark \
 *   [--repo DIR] [--sealwright bin/sealwright] [--runs 3]
 * </pre>
 *
 * The repository is generated once (about a minute) into {@code --repo}, default {@code
 * ~/.cache/sealwright-bench/history-10000}, and reused while its {@code generated.properties} is
 * there. Peak RSS comes from GNU time ({@code /usr/bin/time}) when it is installed.
 */
public final class HistoryBenchmark {
  private HistoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(System.getProperty("user.home"), ".cache/sealwright-bench/history-10000");
    String sealwright = "bin/sealwright";
    int runs = 3;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--repo" -> repo = Path.of(args[i + 1]);
        case "--sealwright" -> sealwright = args[i + 1];
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    HistoryGenerator.Generated g = generated(repo);
    System.out.printf(
        Locale.ROOT,
        "repository %s: %d commits, %d sealed files at HEAD (%d items each at first), %s on disk;"
            + " written in %d s, packed in %d s%n",
        repo,
        g.commits(),
        g.filesAtHead(),
        HistoryGenerator.ITEMS,
        size(repo.resolve(".git")),
        g.writeSeconds(),
        g.packSeconds());
    String dir = repo.toString();
    String hot = repo.resolve(HistoryGenerator.HOT_FILE).toString();
    List<List<String>> commands =
        List.of(
            List.of("audit", "exposure", "--key-id", g.oldKeyId(), "--repo", dir),
            List.of("audit", "exposure", "--key-id", g.oldKeyId(), "--repo", dir, "--json"),
            List.of("audit", "exposure", "--key-id", g.newKeyId(), "--repo", dir),
            List.of(
                "audit",
                "exposure",
                "--key-id",
                g.breakGlassKeyId(),
                "--repo",
                dir,
                "--since",
                "2024-01-05"),
            List.of("log", hot),
            List.of("log", hot, "item0", "--json"));
    System.out.println();
    System.out.println("| command | runs | median | min | max | peak RSS | output |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for (List<String> command : commands) {
      List<Double> seconds = new ArrayList<>();
      long rss = -1;
      String summary = "";
      for (int r = 0; r < runs; r++) {
        Run run = Run.of(sealwright, command);
        seconds.add(run.seconds());
        rss = Math.max(rss, run.peakKib());
        summary = run.summary();
      }
      Collections.sort(seconds);
      System.out.printf(
          Locale.ROOT,
          "| `sealwright %s` | %d | %.2f s | %.2f s | %.2f s | %s | %s |%n",
          String.join(" ", command).replace(dir, "REPO"),
          runs,
          seconds.get(seconds.size() / 2),
          seconds.getFirst(),
          seconds.getLast(),
          rss < 0 ? "n/a" : (rss / 1024) + " MiB",
          summary);
    }
  }

  private static HistoryGenerator.Generated generated(Path repo) throws Exception {
    if (Files.exists(repo.resolve(HistoryGenerator.Generated.FILE))) {
      return HistoryGenerator.Generated.load(repo);
    }
    Path tmp = repo.resolveSibling(repo.getFileName() + ".tmp");
    if (Files.exists(tmp)) {
      throw new IllegalStateException(tmp + " is left from an interrupted run: delete it");
    }
    Files.createDirectories(tmp.getParent());
    System.err.println("generating " + repo + " (once)");
    HistoryGenerator.Generated g = HistoryGenerator.generate(tmp);
    Files.move(tmp, repo);
    HistoryGenerator.Generated moved =
        new HistoryGenerator.Generated(
            repo,
            g.oldKeyId(),
            g.newKeyId(),
            g.breakGlassKeyId(),
            g.commits(),
            g.filesAtHead(),
            g.writeSeconds(),
            g.packSeconds());
    moved.save();
    return moved;
  }

  private static String size(Path dir) throws IOException {
    long bytes;
    try (var files = Files.walk(dir)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    return (bytes >> 20) + " MiB";
  }

  /** One process run: wall time, peak RSS (KiB, -1 when unknown) and what it printed. */
  private record Run(double seconds, long peakKib, String summary) {
    static Run of(String sealwright, List<String> args) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(sealwright);
      command.addAll(args);
      // audit exposure exits 5 when it finds exposed values.
      TimedCommand run = TimedCommand.run(command, java.util.Set.of(0, 5));
      return new Run(run.seconds(), run.peakKib(), summarize(run.stdout()));
    }

    private static String summarize(List<String> lines) {
      if (lines.isEmpty()) {
        return "(nothing)";
      }
      String last = lines.getLast();
      if (last.contains("values exposed") || last.startsWith("No value")) {
        return last;
      }
      return lines.size() + " lines";
    }
  }
}
