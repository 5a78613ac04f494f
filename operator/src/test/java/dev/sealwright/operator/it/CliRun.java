package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the real CLI in this JVM ({@code Main.run}), with what it printed. */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs the CLI as a user in {@code dir} would (relative paths, {@code .sealwright.yaml}). */
  static CliRun in(java.nio.file.Path dir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new dev.sealwright.cli.CliEnv(
                java.io.InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                dir,
                java.util.Map.of(),
                () -> false,
                () -> false),
            args);
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs the CLI and returns its standard output; fails, naming stderr, unless it exits 0. */
  static String success(String... args) {
    CliRun run = of(args);
    assertThat(run.code()).as("sealwright %s: %s", String.join(" ", args), run.err()).isZero();
    return run.out();
  }
}
