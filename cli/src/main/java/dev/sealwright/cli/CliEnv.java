package dev.sealwright.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Everything a command takes from its process: standard streams, working directory, environment and
 * whether standard output is a terminal. Tests pass their own, so they drive the real command line
 * without touching the JVM's globals.
 *
 * @param workingDir where relative paths resolve and where the {@code .sealwright.yaml} search
 *     starts
 * @param stdoutIsTerminal asked only by commands that refuse to print plaintext to a terminal
 * @param stdinIsTerminal asked only by commands that want a typed confirmation
 */
public record CliEnv(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Path workingDir,
    Map<String, String> env,
    BooleanSupplier stdoutIsTerminal,
    BooleanSupplier stdinIsTerminal) {

  public CliEnv {
    workingDir = workingDir.toAbsolutePath().normalize();
    env = Map.copyOf(env);
  }

  public Optional<String> getenv(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** Resolves a path given on the command line against the working directory. */
  public Path resolve(String path) {
    return workingDir.resolve(path).normalize();
  }
}
