package dev.sealwright.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a fuzz target: a public class with {@code public static void fuzzerTestOneInput(byte[])}
 * that throws nothing but a finding (see docs/testing.md, "Fuzzing"). Its regression inputs live in
 * {@code src/test/resources/fuzz/<Target>/}.
 *
 * <p>{@link #replay} runs the seeds and the committed regression inputs in this JVM. {@link #fuzz}
 * runs Jazzer (coverage-guided, libFuzzer underneath) in a child JVM for a budget of {@code
 * -Dsealwright.fuzz.seconds} (default {@value #DEFAULT_SECONDS}): Jazzer's JUnit integration fuzzes
 * only when {@code JAZZER_FUZZ} is in the environment of the whole test JVM and then only one
 * {@code @FuzzTest} per JVM, and its agent is better kept out of the JVM that runs the other tests.
 */
public final class Fuzzing {
  public static final String SECONDS = "sealwright.fuzz.seconds";
  public static final String INPUT = "sealwright.fuzz.input";
  static final int DEFAULT_SECONDS = 10;
  private static final String KEEP_GOING = "sealwright.fuzz.keepGoing";

  private Fuzzing() {}

  /**
   * Runs every seed, every file under {@code src/test/resources/fuzz/<Target>/} and the files named
   * by {@code -Dsealwright.fuzz.input} (comma-separated) through the target.
   */
  public static void replay(Class<?> target, List<byte[]> seeds) {
    Method method = entryPoint(target);
    List<Input> inputs = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      inputs.add(new Input("seed " + i, seeds.get(i)));
    }
    regressionDir(target).ifPresent(dir -> inputs.addAll(read(files(dir))));
    String extra = System.getProperty(INPUT, "");
    if (!extra.isBlank()) {
      inputs.addAll(read(Stream.of(extra.split(",")).map(Path::of).toList()));
    }
    for (Input input : inputs) {
      try {
        method.invoke(null, (Object) input.bytes());
      } catch (InvocationTargetException e) {
        throw new AssertionError(
            target.getSimpleName() + ": " + input.name() + " is a finding", e.getCause());
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Fuzzes the target with Jazzer in a child JVM, starting from the seeds and the regression
   * inputs; fails with the findings Jazzer saved, if any. Skipped when the budget is 0.
   *
   * @param jazzerArgs extra Jazzer arguments, such as {@code --instrumentation_includes=...}
   *     (default {@code dev.sealwright.**})
   */
  public static void fuzz(Class<?> target, List<byte[]> seeds, String... jazzerArgs)
      throws IOException, InterruptedException {
    int seconds = Integer.getInteger(SECONDS, DEFAULT_SECONDS);
    Assumptions.assumeTrue(seconds > 0, "fuzzing off: -D" + SECONDS + "=0");
    entryPoint(target);
    Path work = Path.of("target", "fuzz", target.getSimpleName()).toAbsolutePath();
    Path corpus = work.resolve("corpus");
    Path seedDir = work.resolve("seeds");
    Path findings = work.resolve("findings");
    Path tmp = work.resolve("tmp");
    deleteTree(seedDir);
    deleteTree(findings);
    deleteTree(tmp);
    Files.createDirectories(tmp);
    Files.createDirectories(corpus);
    Files.createDirectories(seedDir);
    Files.createDirectories(findings);
    for (byte[] seed : seeds) {
      Files.write(seedDir.resolve(sha1(seed)), seed);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx1g",
            "-XX:+UseParallelGC",
            "-XX:-OmitStackTraceInFastThrow",
            "-XX:+EnableDynamicAgentLoading",
            "--enable-native-access=ALL-UNNAMED",
            "-Djdk.attach.allowAttachSelf=true",
            // Jazzer's agent jar and the targets' scratch files stay under target/.
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            "com.code_intelligence.jazzer.Jazzer",
            "--target_class=" + target.getName(),
            "--keep_going=" + Integer.getInteger(KEEP_GOING, 10),
            "--reproducer_path=" + findings));
    List<String> extra = List.of(jazzerArgs);
    if (extra.stream().noneMatch(a -> a.startsWith("--instrumentation_includes="))) {
      command.add("--instrumentation_includes=dev.sealwright.**");
    }
    command.addAll(extra);
    command.addAll(
        List.of(
            "-max_total_time=" + seconds,
            "-timeout=20",
            "-rss_limit_mb=0",
            "-artifact_prefix=" + findings + "/",
            "-print_final_stats=1",
            corpus.toString(),
            seedDir.toString()));
    regressionDir(target).ifPresent(dir -> command.add(dir.toString()));
    Path log = work.resolve("jazzer.log");
    Process p =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(seconds + 180L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("Jazzer did not stop within " + (seconds + 180) + " s; see " + log);
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    String stats =
        String.join(
            "\n",
            lines.stream().filter(l -> l.contains("DONE") || l.startsWith("stat::")).toList());
    System.out.println(target.getSimpleName() + ": Jazzer ran " + seconds + " s\n" + stats);
    // With --keep_going, Jazzer exits 0 even after findings; the saved inputs tell.
    List<Path> saved =
        files(findings).stream().filter(f -> !f.toString().endsWith(".java")).toList();
    if (p.exitValue() != 0 || !saved.isEmpty()) {
      fail(report(target, p.exitValue(), log, lines, saved));
    }
    // Jazzer before 0.25.1 (ASM 9.7) cannot instrument Java 25 classes: it then fuzzes blind.
    if (lines.stream().noneMatch(l -> l.contains("INITED cov:"))
        || lines.stream()
            .anyMatch(l -> l.startsWith("WARN: Failed to instrument dev/sealwright"))) {
      fail("Jazzer ran without coverage of " + target.getSimpleName() + "; see " + log);
    }
  }

  private static String report(
      Class<?> target, int exit, Path log, List<String> lines, List<Path> saved) {
    StringBuilder sb =
        new StringBuilder(target.getSimpleName())
            .append(": Jazzer saved ")
            .append(saved.size())
            .append(" finding(s), exit code ")
            .append(exit)
            .append("; log ")
            .append(log)
            .append('\n');
    for (Path f : saved) {
      sb.append("  finding: ").append(f).append('\n');
    }
    boolean inTrace = false;
    for (String l : lines) {
      if (l.startsWith("== Java Exception") || (l.startsWith("==") && l.contains("ERROR"))) {
        inTrace = true;
      }
      if (inTrace) {
        sb.append("  ").append(l).append('\n');
        if (l.startsWith("== libFuzzer crashing input") || l.startsWith("DEDUP_TOKEN")) {
          inTrace = false;
        }
      }
    }
    return sb.append("reproduce: -Dtest=")
        .append(target.getSimpleName())
        .append(" -D")
        .append(INPUT)
        .append("=<finding> (see docs/testing.md)")
        .toString();
  }

  private static Method entryPoint(Class<?> target) {
    try {
      return target.getMethod("fuzzerTestOneInput", byte[].class);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(target + " has no public static fuzzerTestOneInput(byte[])", e);
    }
  }

  private static java.util.Optional<Path> regressionDir(Class<?> target) {
    URL url = target.getResource("/fuzz/" + target.getSimpleName());
    if (url == null || !url.getProtocol().equals("file")) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Path.of(url.toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Input(String name, byte[] bytes) {}

  private static List<Input> read(List<Path> files) {
    List<Input> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(new Input(f.toString(), Files.readAllBytes(f)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String sha1(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
