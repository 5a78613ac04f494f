package dev.sealwright.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Drives the real command line in-process, as a user in {@code dir} would, and captures it. */
public final class Cli {
  private final Path dir;
  private byte[] stdin = new byte[0];
  private boolean tty;
  private boolean ttyIn;
  private final Map<String, String> env = new HashMap<>();

  private Cli(Path dir) {
    this.dir = dir;
  }

  public static Cli in(Path dir) {
    return new Cli(dir);
  }

  public Cli stdin(String text) {
    this.stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public Cli stdin(byte[] bytes) {
    this.stdin = bytes.clone();
    return this;
  }

  /** Pretends standard output is a terminal. */
  public Cli tty() {
    this.tty = true;
    return this;
  }

  /** Pretends standard input is a terminal (where the user types what {@link #stdin} holds). */
  public Cli ttyIn() {
    this.ttyIn = true;
    return this;
  }

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin);
    boolean terminal = tty;
    boolean terminalIn = ttyIn;
    CliEnv cliEnv =
        new CliEnv(
            in,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            dir,
            env,
            () -> terminal,
            () -> terminalIn);
    int code = Main.run(cliEnv, args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs and fails the test unless the command exits 0. */
  public Result ok(String... args) {
    Result r = run(args);
    if (r.exit() != 0) {
      throw new AssertionError(
          "sealwright " + String.join(" ", args) + " exited " + r.exit() + "\nstderr:\n" + r.err());
    }
    return r;
  }

  public String read(String file) {
    try {
      return Files.readString(dir.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Cli write(String file, String text) {
    try {
      Files.writeString(dir.resolve(file), text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public record Result(int exit, String out, String err) {}
}
