package dev.sealwright.bench.migration;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.bench.TimedCommand;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Converts a generated repository ({@link MigrationRepository}: 1,000 Bitnami SealedSecrets and 200
 * SOPS files by default) with {@code sealwright import kubeseal} and {@code sealwright import
 * sops}, each one process as users run it, times each, then opens every value of the output with
 * the cluster identity and the binding of its object and compares it with the value the input was
 * made from. Prints a Markdown table for docs/benchmarks.md.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.sealwright.bench.migration.MigrationBenchmark --runs 3
 *   options: --repo DIR, --sealwright PATH (default bin/sealwright), --peers DIR, --bitnami N, --sops N
 * </pre>
 */
public final class MigrationBenchmark {
  private MigrationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("user.home"));
    Path peers = home.resolve(".cache/sealwright-peers");
    String sealwright = "bin/sealwright";
    int runs = 3;
    int bitnami = 1000;
    int sops = 200;
    Path repo = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--repo" -> repo = Path.of(args[i + 1]);
        case "--sealwright" -> sealwright = args[i + 1];
        case "--peers" -> peers = Path.of(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--bitnami" -> bitnami = Integer.parseInt(args[i + 1]);
        case "--sops" -> sops = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (repo == null) {
      repo = home.resolve(".cache/sealwright-bench/migration-" + bitnami + "-" + sops);
    }
    if (!Files.exists(repo.resolve("recipients.txt"))) {
      Path tmp = repo.resolveSibling(repo.getFileName() + ".tmp");
      if (Files.exists(tmp)) {
        throw new IllegalStateException(tmp + " is left from an interrupted run: delete it");
      }
      System.err.println("generating " + repo + " (once, with the real kubeseal and sops)");
      long start = System.nanoTime();
      MigrationRepository.generate(tmp, peers, bitnami, sops);
      Files.move(tmp, repo);
      System.err.printf(Locale.ROOT, "generated in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }
    Path out = Files.createTempDirectory("sealwright-migration-out-");
    String recipients = repo.resolve("recipients.txt").toString();
    List<List<String>> commands =
        List.of(
            List.of(
                sealwright,
                "import",
                "kubeseal",
                "--keys",
                repo.resolve("controller.pem").toString(),
                "-R",
                recipients,
                "--output-dir",
                out.resolve("bitnami").toString(),
                repo.resolve("bitnami").toString()),
            List.of(
                sealwright,
                "import",
                "sops",
                "-i",
                repo.resolve("sops-age.txt").toString(),
                "-R",
                recipients,
                "-d",
                out.resolve("sops").toString(),
                repo.resolve("sops").toString()));
    List<String> labels =
        List.of(
            "`sealwright import kubeseal` of " + bitnami + " Bitnami SealedSecrets",
            "`sealwright import sops` of " + sops + " SOPS files");
    Keyring keyring =
        Keyring.of(AgeKeys.parseIdentities(Files.readString(repo.resolve("cluster-identity.txt"))));
    System.out.println("| command | runs | median | min | max | peak RSS | values checked |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (int c = 0; c < commands.size(); c++) {
      List<Double> seconds = new ArrayList<>();
      long rss = -1;
      long checked = 0;
      for (int r = 0; r < runs; r++) {
        deleteTree(out);
        TimedCommand run = TimedCommand.run(commands.get(c), Set.of(0));
        seconds.add(run.seconds());
        rss = Math.max(rss, run.peakKib());
        checked = checkAll(out, keyring);
      }
      Collections.sort(seconds);
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %.2f s | %.2f s | %.2f s | %s | %d |%n",
          labels.get(c),
          runs,
          seconds.get(seconds.size() / 2),
          seconds.getFirst(),
          seconds.getLast(),
          rss < 0 ? "n/a" : (rss / 1024) + " MiB",
          checked);
      long expected = (long) (c == 0 ? bitnami : sops) * MigrationRepository.ITEMS.size();
      if (checked != expected) {
        throw new IllegalStateException(checked + " values in the output, expected " + expected);
      }
    }
    System.out.println();
    System.out.println(
        "Peers on the same inputs, in the same run (decryption only, output discarded):");
    System.out.println();
    System.out.println("| command | runs | median | min | max |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    String kubeseal = peers.resolve("bin/kubeseal-v0.27.1").toString();
    String controllerKey = repo.resolve("controller.pem").toString();
    peer(
        "`kubeseal --recovery-unseal` v0.27.1, once per file, " + bitnami + " files",
        runs,
        filesUnder(repo.resolve("bitnami")),
        f ->
            List.of(
                kubeseal, "--recovery-unseal", "--recovery-private-key", controllerKey, "-f", f));
    Path sopsKey = repo.resolve("sops-age.txt");
    Path sopsCli = peers.resolve("bin/sops-v3.13.1");
    peer(
        "`sops decrypt` v3.13.1, once per file, " + sops + " files",
        runs,
        filesUnder(repo.resolve("sops")),
        f -> List.of(sopsCli.toString(), "decrypt", f),
        Map.of("SOPS_AGE_KEY_FILE", sopsKey.toString()));
    deleteTree(out);
  }

  private static List<String> filesUnder(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().map(Path::toString).toList();
    }
  }

  private static void peer(
      String label,
      int runs,
      List<String> files,
      java.util.function.Function<String, List<String>> command)
      throws Exception {
    peer(label, runs, files, command, Map.of());
  }

  /**
   * Runs the peer once per file, one process after the other, as a migration script would, and
   * prints the total time per run. Its output (plaintext) goes nowhere.
   */
  private static void peer(
      String label,
      int runs,
      List<String> files,
      java.util.function.Function<String, List<String>> command,
      Map<String, String> env)
      throws Exception {
    List<Double> seconds = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      for (String file : files) {
        ProcessBuilder pb =
            new ProcessBuilder(command.apply(file))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (p.waitFor() != 0) {
          throw new IllegalStateException(label + " failed on " + file);
        }
      }
      seconds.add((System.nanoTime() - start) / 1e9);
    }
    Collections.sort(seconds);
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.2f s | %.2f s | %.2f s |%n",
        label,
        runs,
        seconds.get(seconds.size() / 2),
        seconds.getFirst(),
        seconds.getLast());
  }

  /**
   * Opens every item of every SealedSecret under {@code out} for its object's binding and compares
   * it with the value its input was made from; returns the number of values, fails on any
   * difference.
   */
  private static long checkAll(Path out, Keyring keyring) throws Exception {
    long checked = 0;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      for (SealedSecret ss :
          SealedSecretReader.read(
              Files.readString(file, StandardCharsets.UTF_8), file.toString())) {
        for (Map.Entry<String, String> item : ss.encryptedData().entrySet()) {
          byte[] expected =
              MigrationRepository.value(ss.meta().namespace(), ss.meta().name(), item.getKey());
          SecretBytes opened = Sealer.open(item.getValue(), ss.binding(item.getKey()), keyring);
          byte[] actual = opened.toByteArray();
          try {
            if (!MessageDigest.isEqual(expected, actual)) {
              throw new IllegalStateException(
                  file + ": item " + item.getKey() + " differs from its input");
            }
          } finally {
            java.util.Arrays.fill(actual, (byte) 0);
            opened.destroy();
          }
          checked++;
        }
      }
    }
    return checked;
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      Files.createDirectories(dir);
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }
}
