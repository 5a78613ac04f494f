package dev.sealwright.cli.config;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.CliFuzzing;
import dev.sealwright.testing.Fuzzing;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@code .sealwright.yaml}: only a {@link CliException} the user is told about may
 * escape loading it or matching paths against its rules. Its path rules are regular expressions by
 * design, so Jazzer's regex-injection detector is off for this target.
 */
public final class RepoConfigFuzzTest {
  private static final Path REPO = repo();
  private static final Path FILE = REPO.resolve(RepoConfig.FILE_NAME);
  private static final PrintStream NOWHERE =
      new PrintStream(java.io.OutputStream.nullOutputStream());
  private static final CliEnv ENV =
      new CliEnv(
          InputStream.nullInputStream(),
          NOWHERE,
          NOWHERE,
          REPO,
          Map.of(),
          () -> false,
          () -> false);
  private static final List<Path> TARGETS =
      List.of(REPO, REPO.resolve("clusters/prod/db.yaml"), REPO.resolve("apps/x.yaml"));

  public static void fuzzerTestOneInput(byte[] input) {
    try {
      Files.write(FILE, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      RepoConfig config = RepoConfig.load(ENV, FILE);
      for (Path target : TARGETS) {
        config.match(target);
      }
    } catch (CliException e) {
      CliFuzzing.requireDocumented(e);
    }
  }

  private static Path repo() {
    try {
      Path dir = Files.createTempDirectory("sealwright-fuzz-repo");
      Files.createDirectories(dir.resolve("clusters/prod"));
      dir.toFile().deleteOnExit();
      dir.resolve("clusters").toFile().deleteOnExit();
      dir.resolve("clusters/prod").toFile().deleteOnExit();
      dir.resolve(RepoConfig.FILE_NAME).toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<byte[]> seeds() {
    List<byte[]> seeds = new java.util.ArrayList<>(CliFuzzing.sessionFiles());
    seeds.add(
        "rules:\n  - recipients: [age1x]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    seeds.add(
        "{\"scope\": \"namespace\", \"rules\": [{\"path\": \"(a|b)+$\", \"recipients\": [\"age1\"]}]}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return seeds;
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(RepoConfigFuzzTest.class, seeds());
  }

  @Test
  // Fuzzing bounds the Jazzer JVM itself (the budget plus 180 s, then kills it); documented budgets
  // (-Dsealwright.fuzz.seconds=600) outlast the default timeout of junit-platform.properties.
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(
        RepoConfigFuzzTest.class,
        seeds(),
        "--instrumentation_includes=dev.sealwright.**:org.yaml.snakeyaml.**",
        "--disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection");
  }
}
