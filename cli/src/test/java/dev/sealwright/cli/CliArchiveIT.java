package dev.sealwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.history.HistoryRepo;
import dev.sealwright.testenv.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download (target/dist/sealwright-VERSION-linux-x86_64.tar.gz) as a user without a JDK runs
 * it: unpacked anywhere, on a PATH that has no {@code java}, with no JAVA_HOME.
 */
class CliArchiveIT {
  private static final Path ARCHIVE = Path.of(System.getProperty("sealwright.cli.archive"));

  @TempDir Path dir;
  Path home;
  Path path;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void unpack() throws Exception {
    Path install = Files.createDirectory(dir.resolve("opt"));
    Run untar = run(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", install.toString()), null);
    assertThat(untar.exit()).as(untar.err()).isZero();
    try (var top = Files.list(install)) {
      home = top.findFirst().orElseThrow();
    }
    // Only the two tools the launcher uses; /usr/bin would bring this machine's JDK 17.
    path = Files.createDirectory(dir.resolve("path"));
    for (String tool : List.of("dirname", "readlink")) {
      Files.createSymbolicLink(path.resolve(tool), Path.of("/usr/bin", tool));
    }
  }

  private Run run(List<String> command, String stdin) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    if (path != null) {
      pb.environment().clear();
      pb.environment().put("PATH", path.toString());
      pb.environment().put("HOME", dir.toString());
    }
    byte[] in = stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8);
    ChildProcesses.Result r = ChildProcesses.run(pb, in, Duration.ofSeconds(60));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  private Run sealwright(String stdin, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(home.resolve("bin/sealwright").toString()));
    command.addAll(List.of(args));
    return run(command, stdin);
  }

  @Test
  void archive_onAPathWithoutJava_keygenSealUnseal() throws Exception {
    assertThat(run(List.of("/bin/sh", "-c", "command -v java"), null).exit())
        .as("no java on this PATH")
        .isNotZero();

    Run keygen = sealwright(null, "keygen", "-o", "key.txt");
    assertThat(keygen.exit()).as(keygen.err()).isZero();
    String recipient =
        Files.readAllLines(dir.resolve("key.txt")).stream()
            .filter(l -> l.startsWith("# public key: "))
            .findFirst()
            .orElseThrow()
            .substring("# public key: ".length());
    String secret =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\n"
            + "stringData: {password: hunter2}\n";
    Run seal = sealwright(secret, "seal", "-r", recipient, "-q");
    assertThat(seal.exit()).as(seal.err()).isZero();
    assertThat(seal.err()).as("no AOT cache warning: the cache fits the bundled runtime").isEmpty();
    Files.writeString(dir.resolve("db.yaml"), seal.out());
    Run unseal = sealwright(null, "unseal", "-f", "db.yaml", "-i", "key.txt");

    assertThat(unseal.exit()).as(unseal.err()).isZero();
    assertThat(unseal.out()).contains("password: aHVudGVyMg==");
  }

  @Test
  void archive_logAndAuditOnAPackedRepository_runWithoutGitAndPrintNoLoggingNoise()
      throws Exception {
    Path marker = dir.resolve("git-was-run");
    // A git on the PATH that records being run: JGit must not start one.
    Path git = path.resolve("git");
    Files.writeString(git, "#!/bin/sh\n: > " + marker + "\nexit 1\n");
    git.toFile().setExecutable(true);
    try (HistoryRepo repo = HistoryRepo.init(dir.resolve("repo"))) {
      repo.seal("db.sealed.yaml", "prod", "db", List.of("password"), "cluster");
      repo.commit("Alice", "Add db");
      repo.set("db.sealed.yaml", "password", "cluster");
      repo.commit("Bob", "New password");
      repo.pack();
    }
    String keyId = HistoryRepo.keyId("cluster").value();

    Run log = sealwright(null, "log", "repo/db.sealed.yaml", "password");
    Run audit =
        sealwright(null, "audit", "exposure", "--key-id", keyId, "--repo", "repo", "--json");

    assertThat(log.exit()).as(log.err()).isZero();
    assertThat(log.out().lines()).hasSize(2);
    assertThat(log.err()).as("no SLF4J or AOT lines").isEmpty();
    assertThat(audit.exit()).as(audit.err()).isEqualTo(ExitCode.FOUND);
    assertThat(audit.out()).contains("\"keyId\": \"" + keyId + "\"");
    assertThat(audit.err()).isEmpty();
    assertThat(marker).doesNotExist();
    assertThat(dir.resolve(".config")).as("JGit wrote nothing under HOME").doesNotExist();
  }

  @Test
  void archive_kubectlPluginLinkAndCompletion_work() throws Exception {
    Run version =
        run(List.of(home.resolve("bin/kubectl-sealwright").toString(), "--version"), null);

    assertThat(version.exit()).as(version.err()).isZero();
    assertThat(version.out()).startsWith("sealwright ").contains("Java 25");
    assertThat(home.resolve("completion/sealwright.bash")).content().contains("complete");
    assertThat(home.resolve("LICENSE")).exists();
  }
}
