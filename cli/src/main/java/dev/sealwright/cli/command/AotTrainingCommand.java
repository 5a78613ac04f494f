package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Hidden: the workload the build runs once with {@code -XX:AOTCacheOutput} so the JDK's AOT cache
 * holds the classes of a real keygen, seal, inspect, verify and unseal. Doubles as a smoke test of
 * the shaded jar: any failing step fails the build.
 */
@Command(name = "aot-training", hidden = true)
public final class AotTrainingCommand implements Callable<Integer> {
  private final CliEnv env;

  public AotTrainingCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("sealwright-aot-");
    try {
      Path key = dir.resolve("key.txt");
      String recipient = run(dir, "", "keygen", "-o", key.toString()).strip();
      run(dir, "", "keygen", "--classic", "-o", dir.resolve("classic.txt").toString());
      StringBuilder secret =
          new StringBuilder(
                  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\n  namespace: prod\n")
              .append("  labels:\n    app: demo\ntype: Opaque\nstringData:\n");
      for (int i = 1; i <= 5; i++) {
        secret.append("  item").append(i).append(": value-").append(i).append('\n');
      }
      String sealed = run(dir, secret.toString(), "seal", "-r", recipient);
      Files.writeString(dir.resolve("app.yaml"), sealed);
      run(
          dir,
          "",
          "create",
          "db",
          "-n",
          "prod",
          "--from-literal",
          "password=p",
          "-r",
          recipient,
          "-o",
          "json");
      run(dir, "", "inspect", "app.yaml");
      run(dir, "", "inspect", "-o", "json", "app.yaml");
      run(dir, "", "verify", "app.yaml", "-i", key.toString());
      run(dir, "", "unseal", "--force", "-f", "app.yaml", "-i", key.toString());
      Files.writeString(dir.resolve("old.yaml"), sealed);
      run(dir, "", "set", "app.yaml", "item6", "--from-literal", "v", "-r", recipient);
      run(dir, "", "unset", "app.yaml", "item6");
      run(dir, "", "diff", "old.yaml", "app.yaml");
      run(dir, "", "diff", "--textconv", "app.yaml");
      run(dir, "", "reseal", "app.yaml", "-i", key.toString(), "-r", recipient, "--all");
      run(dir, "", "seal", "--help");
      return ExitCode.OK;
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private String run(Path dir, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(OutputStream.nullOutputStream());
    CliEnv child =
        new CliEnv(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            err,
            dir,
            Map.of(),
            () -> false,
            () -> false);
    int code = Main.run(child, args);
    if (code != 0) {
      throw new IllegalStateException(
          "AOT training step failed: sealwright " + String.join(" ", args));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
