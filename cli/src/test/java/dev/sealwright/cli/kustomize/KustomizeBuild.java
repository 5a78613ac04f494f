package dev.sealwright.cli.kustomize;

import static org.assertj.core.api.Assertions.fail;

import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.testing.TestPeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the real kustomize (built by testpeers/fetch-gitops) with {@code bin/sealwright} on the
 * {@code PATH}, as an overlay's exec functions find it, and {@code kustomize} there too for the
 * commands of the docs.
 */
final class KustomizeBuild {
  static final String VERSION = "v5.8.1";

  /** Built by another block of testpeers/fetch-gitops (the SOPS migration's). */
  static final String SOPS_VERSION = "v3.13.1";

  static final Path ROOT =
      Path.of(System.getProperty("sealwright.root", "..")).toAbsolutePath().normalize();

  record Run(int exit, String out, String err) {}

  private KustomizeBuild() {}

  static Path binary() {
    return peer("kustomize-" + VERSION);
  }

  private static Path peer(String name) {
    Path p = TestPeers.dir().resolve("bin/" + name);
    if (!Files.isExecutable(p)) {
      fail(p + " is missing: run `bash testpeers/fetch-gitops` (the Maven build runs it)");
    }
    return p;
  }

  /**
   * A script {@code .tools/NAME} that runs {@code target} (not a symbolic link, which @TempDir
   * warns about).
   */
  private static Path link(Path dir, String name, Path target) {
    Path tools = dir.resolve(".tools");
    try {
      Files.createDirectories(tools);
      Path script = tools.resolve(name);
      if (!Files.exists(script)) {
        Files.writeString(script, "#!/bin/sh\nexec '" + target + "' \"$@\"\n");
        Files.setPosixFilePermissions(
            script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tools;
  }

  /** {@code kustomize build --enable-alpha-plugins --enable-exec DIR}, run in {@code root}. */
  static Run build(Path root, String dir, Map<String, String> env) {
    return bash(root, "kustomize build --enable-alpha-plugins --enable-exec " + dir, env);
  }

  /** Runs {@code script} with bash -euo pipefail in {@code dir}. */
  static Run bash(Path dir, String script, Map<String, String> env) {
    return run(dir, List.of("bash", "-euo", "pipefail", "-c", script), env);
  }

  /** Puts the sops peer (testpeers/fetch-gitops) on the PATH of later runs in {@code dir}. */
  static void withSops(Path dir) {
    link(dir, "sops", peer("sops-" + SOPS_VERSION));
  }

  static Run run(Path dir, List<String> command, Map<String, String> env) {
    Path tools = link(dir, "kustomize", binary());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove(Generator.IDENTITY_VARIABLE);
    pb.environment().put("PATH", tools + ":" + ROOT.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("HOME", dir.toString());
    pb.environment().putAll(env);
    ChildProcesses.Result r = ChildProcesses.run(pb, null, Duration.ofMinutes(2));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }
}
