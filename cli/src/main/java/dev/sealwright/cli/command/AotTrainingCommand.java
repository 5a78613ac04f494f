package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.Main;
import dev.sealwright.cli.history.NoGitProcess;
import dev.sealwright.envelope.KeyId;
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
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;

/**
 * Hidden: the workload the build runs once with {@code -XX:AOTCacheOutput} so the JDK's AOT cache
 * holds the classes of a real keygen, seal, inspect, verify and unseal, and of log and audit over a
 * small Git repository. Doubles as a smoke test of the shaded jar: any failing step fails the
 * build.
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
      history(dir, recipient, sealed, Files.readString(dir.resolve("app.yaml")));
      return ExitCode.OK;
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * A two-commit Git repository (written with JGit, as there may be no git), then log and audit.
   */
  private void history(Path dir, String recipient, String first, String second) throws IOException {
    NoGitProcess.install();
    Path repoDir = Files.createDirectory(dir.resolve("repo"));
    try (Repository repo =
        new FileRepositoryBuilder()
            .setGitDir(repoDir.resolve(".git").toFile())
            .setWorkTree(repoDir.toFile())
            .build()) {
      repo.create();
      ObjectId one = commit(repo, null, first);
      ObjectId two = commit(repo, one, second);
      RefUpdate head = repo.updateRef(Constants.HEAD);
      head.setNewObjectId(two);
      head.forceUpdate();
      // Packed, as every real repository is: pack reading is what the commands spend time on.
      Git.wrap(repo).gc().call();
    } catch (GitAPIException e) {
      throw new IOException("AOT training: cannot pack the repository", e);
    }
    String keyId = KeyId.ofRecipientString(recipient).value();
    run(repoDir, "", "log", "app.sealed.yaml");
    run(repoDir, "", "log", "--json", "app.sealed.yaml", "item1");
    runExpecting(ExitCode.FOUND, repoDir, "", "audit", "exposure", "--key-id", keyId);
    runExpecting(ExitCode.FOUND, repoDir, "", "audit", "exposure", "--key-id", keyId, "--json");
  }

  private static ObjectId commit(Repository repo, ObjectId parent, String content)
      throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      TreeFormatter tree = new TreeFormatter();
      tree.append(
          "app.sealed.yaml",
          FileMode.REGULAR_FILE,
          ins.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(ins.insert(tree));
      if (parent != null) {
        commit.setParentId(parent);
      }
      PersonIdent who = new PersonIdent("AOT training", "aot@sealwright.invalid");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(parent == null ? "add app" : "change app");
      ObjectId id = ins.insert(commit);
      ins.flush();
      return id;
    }
  }

  private String run(Path dir, String stdin, String... args) {
    return runExpecting(ExitCode.OK, dir, stdin, args);
  }

  private String runExpecting(int expected, Path dir, String stdin, String... args) {
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
    if (code != expected) {
      throw new IllegalStateException(
          "AOT training step failed: sealwright " + String.join(" ", args));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
