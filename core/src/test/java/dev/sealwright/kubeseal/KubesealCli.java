package dev.sealwright.kubeseal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kubeseal} CLI, built from its Go module into the test peers cache on first use
 * (never committed). v0.27.1 is the last release under the module path that the Go checksum
 * database serves; the sealing code has not changed since.
 */
final class KubesealCli {
  static final String VERSION = "v0.27.1";
  private static final String MODULE = "github.com/bitnami-labs/sealed-secrets/cmd/kubeseal";

  private KubesealCli() {}

  /** The kubeseal binary, built with {@code go install} if the cache does not have it yet. */
  static synchronized Path binary() throws IOException, InterruptedException {
    Path peers =
        Path.of(
            System.getProperty(
                "sealwright.peers.dir",
                System.getProperty("user.home") + "/.cache/sealwright-peers"));
    Path binary = peers.resolve("bin").resolve("kubeseal-" + VERSION);
    if (Files.isExecutable(binary)) {
      return binary;
    }
    Files.createDirectories(binary.getParent());
    // Built beside its final place, so the rename below stays on one file system.
    Path gobin = Files.createTempDirectory(binary.getParent(), ".kubeseal-build");
    Path log = Files.createTempFile("kubeseal-build", ".log");
    ProcessBuilder build =
        new ProcessBuilder("go", "install", MODULE + "@" + VERSION)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    build.environment().put("GOBIN", gobin.toString());
    build.environment().put("GOFLAGS", "-mod=mod");
    Process process = build.start();
    if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "go install " + MODULE + "@" + VERSION + " failed:\n" + Files.readString(log));
    }
    // Rename into place so that a build cut short never leaves a half-written binary behind.
    Files.move(gobin.resolve("kubeseal"), binary, StandardCopyOption.ATOMIC_MOVE);
    Files.delete(gobin);
    Files.delete(log);
    return binary;
  }
}
