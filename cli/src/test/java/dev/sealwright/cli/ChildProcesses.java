package dev.sealwright.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the programs tests start (bash, the age CLI, the packaged launcher) so that a hung one fails
 * the build instead of hanging it: every wait is bounded, and a process that overruns is killed
 * with its descendants. Output is drained on background threads, so a child that fills a pipe never
 * blocks, and a reader never waits for an end of file that a hung child would not send.
 *
 * <p>The same as {@code dev.sealwright.testenv.ChildProcesses}: the CLI's tests run without the
 * test environment module (see docs/testing.md), so they keep their own copy.
 */
public final class ChildProcesses {
  /** How long a finished process's output may take to arrive once it has exited. */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private ChildProcesses() {}

  /** What a finished process printed and returned. */
  public record Result(String command, int exitCode, String stdout, String stderr) {
    /** Fails, naming the command and showing its output, unless it exited 0. */
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError(
            command + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
      }
      return this;
    }
  }

  /**
   * Starts {@code pb}, feeds it {@code stdin} (null for none) and waits at most {@code timeout}.
   */
  public static Result run(ProcessBuilder pb, byte[] stdin, Duration timeout) {
    String command = String.join(" ", pb.command());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                  in.write(stdin);
                }
              } catch (IOException exitedEarly) {
                // its exit code and output tell why
              }
            });
    int exit = await(p, timeout, command);
    return new Result(command, exit, text(out, command), text(err, command));
  }

  /** {@link #run} of {@code command} with no input, in this JVM's directory and environment. */
  public static Result run(Duration timeout, List<String> command) {
    return run(new ProcessBuilder(command), null, timeout);
  }

  /**
   * Waits at most {@code timeout} for {@code p} to exit and returns its exit code. If it overruns,
   * or the waiting thread is interrupted (a JUnit timeout), kills it and its descendants and fails.
   */
  public static int await(Process p, Duration timeout, String command) {
    try {
      if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return p.exitValue();
      }
      kill(p);
      throw new AssertionError(
          command + " did not finish within " + timeout.toSeconds() + " s; killed it");
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + command + "; killed it", e);
    }
  }

  /** Kills {@code p} and everything it started (which would otherwise outlive the test). */
  public static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    // Own platform threads, not the common pool: a blocked read must not starve other work.
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (InputStream in = stream) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                f.complete(b.toByteArray());
              } catch (IOException e) {
                f.completeExceptionally(e);
              }
            });
    return f;
  }

  private static String text(CompletableFuture<byte[]> output, String command) {
    try {
      return new String(
          output.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
    } catch (TimeoutException e) {
      throw new AssertionError(
          command + " exited, but something it started still holds its output open", e);
    } catch (ExecutionException e) {
      throw new AssertionError("reading the output of " + command + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading the output of " + command, e);
    }
  }
}
