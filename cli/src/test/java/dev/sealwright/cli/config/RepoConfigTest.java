package dev.sealwright.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.envelope.Scope;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoConfigTest {
  @TempDir Path repo;

  private CliEnv envIn(Path workingDir) {
    return envIn(workingDir, null);
  }

  @Test
  void find_fromSubdirectory_walksUpToTheRepositoryFile() throws Exception {
    Files.writeString(repo.resolve(".sealwright.yaml"), "rules:\n  - recipients: [age1x]\n");
    Path sub = Files.createDirectories(repo.resolve("clusters/prod"));

    RepoConfig config = RepoConfig.find(envIn(sub)).orElseThrow();

    assertThat(config.file()).isEqualTo(repo.resolve(".sealwright.yaml"));
    assertThat(config.defaultScope()).isEqualTo(Scope.STRICT);
  }

  @Test
  void match_firstMatchingRuleWins_andRulePathsAreRelativeToTheConfig() throws Exception {
    Files.writeString(
        repo.resolve(".sealwright.yaml"),
        """
        scope: namespace
        rules:
          - path: ^clusters/prod/
            scope: strict
            recipients: [age1prod]
          - path: \\.yaml$
            recipients: [age1any, age1glass]
        """);
    RepoConfig config = RepoConfig.find(envIn(repo)).orElseThrow();

    RepoConfig.Match prod = config.match(repo.resolve("clusters/prod/db.yaml")).orElseThrow();
    RepoConfig.Match dev = config.match(repo.resolve("clusters/dev/db.yaml")).orElseThrow();

    assertThat(prod.rule().recipients()).containsExactly("age1prod");
    assertThat(prod.scope()).isEqualTo(Scope.STRICT);
    assertThat(dev.rule().recipients()).containsExactly("age1any", "age1glass");
    assertThat(dev.scope()).isEqualTo(Scope.NAMESPACE);
    assertThat(config.match(repo.resolve("README.md"))).isEmpty();
  }

  @Test
  void load_ruleWithoutRecipients_isUsageErrorNamingTheRule() throws Exception {
    Files.writeString(repo.resolve(".sealwright.yaml"), "rules:\n  - path: x\n");

    assertThatThrownBy(() -> RepoConfig.find(envIn(repo)))
        .isInstanceOf(CliException.class)
        .hasMessageEndingWith(
            ".sealwright.yaml: rules[0].recipients must be a non-empty list of age recipients");
  }

  @Test
  void load_badScope_isUsageError() throws Exception {
    Files.writeString(repo.resolve(".sealwright.yaml"), "scope: everywhere\n");

    assertThatThrownBy(() -> RepoConfig.find(envIn(repo)))
        .isInstanceOf(CliException.class)
        .hasMessageEndingWith(": scope must be strict, namespace or cluster");
  }

  @Test
  void match_workingDirectoryInsideARulesPath_matchesThatRule() throws Exception {
    Files.writeString(
        repo.resolve(".sealwright.yaml"),
        "rules:\n  - path: ^clusters/prod/\n    recipients: [age1prod]\n");
    Path prod = Files.createDirectories(repo.resolve("clusters/prod"));

    RepoConfig config = RepoConfig.find(envIn(prod)).orElseThrow();

    assertThat(config.match(prod).orElseThrow().rule().recipients()).containsExactly("age1prod");
    assertThat(config.match(repo)).isEmpty();
  }

  private CliEnv envIn(Path workingDir, Path home) {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    return new CliEnv(
        new ByteArrayInputStream(new byte[0]),
        nowhere,
        nowhere,
        workingDir,
        home == null ? Map.of() : Map.of("HOME", home.toString()),
        () -> false,
        () -> false);
  }

  private static final String CONFIG = "rules:\n  - recipients: [age1x]\n";

  @Test
  void find_configAboveTheRepositoryRoot_notUsed() throws Exception {
    Files.writeString(repo.resolve(".sealwright.yaml"), CONFIG);
    Path inner = Files.createDirectories(repo.resolve("checkout/.git")).getParent();
    Path sub = Files.createDirectories(inner.resolve("apps"));

    assertThat(RepoConfig.find(envIn(sub))).isEmpty();
  }

  @Test
  void find_gitFileOfAWorktree_alsoEndsTheSearch() throws Exception {
    Files.writeString(repo.resolve(".sealwright.yaml"), CONFIG);
    Path worktree = Files.createDirectories(repo.resolve("wt"));
    Files.writeString(worktree.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/wt\n");

    assertThat(RepoConfig.find(envIn(worktree))).isEmpty();
  }

  @Test
  void find_configInTheRepositoryRoot_found() throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    Files.writeString(repo.resolve(".sealwright.yaml"), CONFIG);

    assertThat(RepoConfig.find(envIn(Files.createDirectories(repo.resolve("a/b")))))
        .map(RepoConfig::file)
        .contains(repo.resolve(".sealwright.yaml"));
  }

  @Test
  void find_configAboveHome_notUsed() throws Exception {
    Files.writeString(repo.resolve(".sealwright.yaml"), CONFIG);
    Path home = Files.createDirectories(repo.resolve("home/me"));
    Path work = Files.createDirectories(home.resolve("notes"));

    assertThat(RepoConfig.find(envIn(work, home))).isEmpty();
  }

  @Test
  void find_configWritableByGroup_refusedWithChmodHint() throws Exception {
    Path file = Files.writeString(repo.resolve(".sealwright.yaml"), CONFIG);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

    assertThatThrownBy(() -> RepoConfig.find(envIn(repo)))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
              assertThat(e.hints()).containsExactly("run: chmod go-w " + file);
            })
        .hasMessageContaining("writable by group or others");
  }

  @Test
  void find_configOfAnotherUser_refused() throws Exception {
    Path file = Files.writeString(repo.resolve(".sealwright.yaml"), CONFIG);
    // CI runs as root on this machine; 'nobody' stands for another user of a shared folder.
    Files.setOwner(
        file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

    assertThatThrownBy(() -> RepoConfig.find(envIn(repo)))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
        .hasMessageContaining("belongs to nobody, not to you");
  }
}
