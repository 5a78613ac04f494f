package dev.sealwright.operator.it;

import dev.sealwright.testenv.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real KEK holder started for one IT class: moto in server mode (AWS KMS) or a Vault dev server
 * (Transit), from the binaries testpeers/fetch-key-protection put in the peers cache. {@link
 * #freeze()} stops the process without ending it (SIGSTOP), the way an unreachable KMS looks to a
 * client: connections open, nothing answers; {@link #thaw()} resumes it with its state intact.
 */
final class KekServer implements AutoCloseable {
  static final String MOTO_VERSION = "5.2.5";
  static final String VAULT_VERSION = "v1.21.0";

  final URI address;
  private final Process process;
  private final Path log;

  private KekServer(URI address, Process process, Path log) {
    this.address = address;
    this.process = process;
    this.log = log;
  }

  static Path peers() {
    return Path.of(
        System.getProperty(
            "sealwright.peers.dir", System.getProperty("user.home") + "/.cache/sealwright-peers"));
  }

  static KekServer moto() {
    int port = freePort();
    Path bin = peers().resolve("venv-moto-" + MOTO_VERSION + "/bin/moto_server");
    KekServer s =
        start(
            List.of(bin.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)),
            Map.of(),
            URI.create("http://127.0.0.1:" + port));
    s.awaitHttp("/moto-api/");
    return s;
  }

  /** A Vault dev server (in memory, unsealed) whose root token is {@code rootToken}. */
  static KekServer vault(String rootToken) {
    int port = freePort();
    Path bin = peers().resolve("bin/vault-" + VAULT_VERSION);
    try {
      Path home = Files.createTempDirectory("sw-vault-home");
      KekServer s =
          start(
              List.of(
                  bin.toString(),
                  "server",
                  "-dev",
                  "-dev-root-token-id=" + rootToken,
                  "-dev-listen-address=127.0.0.1:" + port),
              Map.of("HOME", home.toString(), "VAULT_DISABLE_MLOCK", "true"),
              URI.create("http://127.0.0.1:" + port));
      s.awaitHttp("/v1/sys/health");
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KekServer start(List<String> command, Map<String, String> env, URI address) {
    try {
      Path log = Files.createTempFile("sw-kek-server", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.redirectOutput(log.toFile());
      pb.environment().putAll(env);
      return new KekServer(address, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.getFirst(), e);
    }
  }

  private void awaitHttp(String path) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("KEK server exited: " + logTail());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(address.resolve(path))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "KEK server did not answer at " + address + path + ": " + logTail());
  }

  /** Stops the server from answering, as an unreachable KMS would, keeping its keys. */
  void freeze() {
    signal("STOP");
  }

  void thaw() {
    signal("CONT");
  }

  private void signal(String name) {
    ChildProcesses.run(
            Duration.ofSeconds(10), List.of("kill", "-" + name, String.valueOf(process.pid())))
        .requireSuccess();
  }

  private String logTail() {
    try {
      String all = Files.readString(log);
      return all.length() > 2000 ? all.substring(all.length() - 2000) : all;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    thawQuietly();
    ChildProcesses.kill(process);
  }

  private void thawQuietly() {
    try {
      thaw();
    } catch (RuntimeException e) {
      // already gone
    }
  }
}
