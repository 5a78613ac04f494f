package dev.sealwright.bench;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the benchmarks like {@code java -jar benchmarks.jar} (same options), then prints the figures
 * as the Markdown table of {@code docs/benchmarks.md} and the ratios the project's goal is stated
 * in, so the documented numbers come from one run and no hand arithmetic.
 */
public final class Compare {
  private static final String BASELINE_OPEN = "KubesealBaselineBenchmark.open";

  private Compare() {}

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
    List<RunResult> sorted = results.stream().sorted(Comparator.comparing(Compare::label)).toList();
    System.out.println();
    System.out.println("| benchmark | recipient | score | error (99.9%) | unit |");
    System.out.println("| --- | --- | ---: | ---: | --- |");
    for (RunResult r : sorted) {
      Result<?> p = r.getPrimaryResult();
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.1f | %.1f | %s |%n",
          shortName(r),
          Optional.ofNullable(r.getParams().getParam("recipient")).orElse("rsa-4096 (baseline)"),
          p.getScore(),
          p.getScoreError(),
          p.getScoreUnit());
    }
    System.out.println();
    Optional<Double> baseline = score(sorted, BASELINE_OPEN, null);
    for (String recipient : List.of("hybrid", "x25519")) {
      Optional<Double> open = score(sorted, "EnvelopeBenchmark.open", recipient);
      if (baseline.isPresent() && open.isPresent()) {
        System.out.printf(
            Locale.ROOT,
            "RSA-4096 open / %s open = %.1fx%n",
            recipient,
            baseline.get() / open.get());
      }
    }
  }

  private static Optional<Double> score(List<RunResult> results, String name, String recipient) {
    return results.stream()
        .filter(r -> shortName(r).equals(name))
        .filter(r -> recipient == null || recipient.equals(r.getParams().getParam("recipient")))
        .map(r -> r.getPrimaryResult().getScore())
        .findFirst();
  }

  private static String shortName(RunResult r) {
    String full = r.getParams().getBenchmark();
    String[] parts = full.split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  private static String label(RunResult r) {
    return shortName(r) + " " + r.getParams().getParam("recipient");
  }
}
