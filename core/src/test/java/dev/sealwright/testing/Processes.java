package dev.sealwright.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external peer (age CLI, node) with bytes on stdin and captures stdout and stderr. */
public final class Processes {
  private Processes() {}

  /** What a finished process returned. */
  public record Result(int exitCode, byte[] stdout, String stderr) {
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("peer exited with " + exitCode + ": " + stderr);
      }
      return this;
    }
  }

  public static Result run(List<String> command, byte[] stdin)
      throws IOException, InterruptedException {
    return run(new ProcessBuilder(command), stdin);
  }

  /** Runs {@code process} (its command, environment and directory) for at most 60 s. */
  public static Result run(ProcessBuilder process, byte[] stdin)
      throws IOException, InterruptedException {
    List<String> command = process.command();
    Process p = process.start();
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("peer did not finish within 60 s: " + command);
    }
    return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
