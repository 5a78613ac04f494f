package dev.sealwright.cli.keys;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs kubectl, which reads the kubeconfig exactly as every other Kubernetes tool does (contexts,
 * exec credential plugins, proxies), so the CLI carries no Kubernetes client of its own. Key
 * material only ever passes through pipes, never through files.
 */
final class Kubectl {
  private final CliEnv env;
  private final ClusterOptions cluster;

  Kubectl(CliEnv env, ClusterOptions cluster) {
    this.env = env;
    this.cluster = cluster;
  }

  /**
   * Runs {@code kubectl <global flags> args}, feeding {@code stdin} if not null.
   *
   * @return standard output; the caller wipes it if it holds key material
   */
  byte[] run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(cluster.globalArgs());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(env.workingDir().toFile());
    pb.environment().clear();
    pb.environment().putAll(env.env());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw CliException.failed(
          "cannot run " + command.getFirst() + ": " + e.getMessage(),
          "install kubectl, or pass --kubectl PATH (or set SEALWRIGHT_KUBECTL)");
    }
    try {
      Thread feeder =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (OutputStream in = process.getOutputStream()) {
                      if (stdin != null) {
                        in.write(stdin);
                      }
                    } catch (IOException ignored) {
                      // kubectl exited early; its exit code and stderr tell why
                    }
                  });
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = Thread.ofPlatform().start(() -> copy(process.getErrorStream(), err));
      byte[] out = process.getInputStream().readAllBytes();
      int code = process.waitFor();
      feeder.join();
      errReader.join();
      if (code != 0) {
        String message =
            err.toString(StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
        throw CliException.failed(
            "kubectl " + args[0] + " failed (exit " + code + "): " + message,
            "check --context/--kubeconfig, the namespace (-n), and that you may read it");
      }
      return out;
    } catch (IOException e) {
      throw CliException.failed("reading kubectl's output failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failed("interrupted while waiting for kubectl");
    }
  }

  /**
   * {@code kubectl get --ignore-not-found -o jsonpath=TEMPLATE -- KIND NAME}: the text, empty if
   * there is no such object. The name goes after {@code --}, so it is never read as a flag; use
   * only for fields without key material.
   */
  String get(String kind, String name, String jsonpath) {
    return new String(
        run(null, "get", "--ignore-not-found", "-o", "jsonpath=" + jsonpath, "--", kind, name),
        StandardCharsets.UTF_8);
  }

  private String executable() {
    if (cluster.kubectl != null) {
      return cluster.kubectl;
    }
    return env.getenv("SEALWRIGHT_KUBECTL").orElse("kubectl");
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process ended
    }
  }
}
