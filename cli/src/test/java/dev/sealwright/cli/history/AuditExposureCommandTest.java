package dev.sealwright.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.history.ExpectedExposures.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditExposureCommandTest {
  @TempDir Path dir;

  private Scenario scenario() {
    return Scenario.build(dir.resolve("repo"));
  }

  private Cli.Result audit(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "audit";
    all[1] = "exposure";
    System.arraycopy(args, 0, all, 2, args.length);
    return Cli.in(dir.resolve("repo")).run(all);
  }

  static List<Row> rows(String out) {
    return Json.list(Json.parse(out), "exposed").stream()
        .map(
            x ->
                new Row(
                    (String) x.get("object"),
                    (String) x.get("item"),
                    (String) x.get("file"),
                    (String) x.get("fileAtHead"),
                    (String) Json.map(x, "first").get("commit"),
                    (String) Json.map(x, "last").get("commit"),
                    (String) x.get("status")))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster", "other", "breakglass", "classic"})
  void exposure_generatedHistory_listsEveryValueSealedToTheKeyExactlyOnce(String key) {
    Scenario s = scenario();
    List<Row> expected = ExpectedExposures.of(s.repo(), key, 0);

    var r = audit("--key-id", HistoryRepo.keyId(key).value(), "--json");

    assertThat(expected).isNotEmpty();
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isEqualTo(ExitCode.FOUND);
    assertThat(rows(r.out())).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void exposure_oldClusterKey_namesWhatEachValueNeeds() {
    Scenario s = scenario();

    List<Row> rows = rows(audit("--key-id", HistoryRepo.keyId("cluster").value(), "--json").out());

    // True with or without a value tag: these values never shared a value with another envelope.
    assertThat(rows)
        .contains(
            new Row(
                "prod/legacy",
                "key",
                "legacy/old.sealed.yaml",
                null,
                s.id("add-legacy"),
                s.id("add-legacy"),
                "removed"),
            // Sealed to the old key on a branch: first its own commit, last the merge that brought
            // it in.
            new Row(
                "prod/cache",
                "url",
                Scenario.CACHE,
                Scenario.CACHE,
                s.id("cache-old-key"),
                s.id("merge"),
                "current"));
    // The api token, moved and re-sealed to both keys in one commit, is current in its new file.
    assertThat(rows)
        .filteredOn(r -> r.item().equals("token") && r.status().equals("current"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.fileAtHead()).isEqualTo(Scenario.API);
              assertThat(r.last()).isEqualTo(s.id("move-api"));
            });
    // The first db password was sealed before the file moved: its file then, and its file now.
    assertThat(rows)
        .filteredOn(r -> r.item().equals("password") && r.first().equals(s.id("add-db")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.file()).isEqualTo("apps/db.sealed.yaml");
              assertThat(r.fileAtHead()).isEqualTo(Scenario.DB);
            });
  }

  @Test
  void exposure_text_showsEachValueWithFirstLastAndStatusThenASummary() {
    Scenario s = scenario();
    List<Row> expected = ExpectedExposures.of(s.repo(), "cluster", 0);
    HistoryRepo.Commit legacy = s.repo().commit(s.id("add-legacy"));
    String legacyCommit =
        legacy.id().substring(0, 7)
            + " "
            + HistoryRepo.time(legacy.index())
            + " Alice <alice@example.org>";

    var r = audit("--key-id", HistoryRepo.keyId("cluster").value());

    assertThat(r.exit()).isEqualTo(ExitCode.FOUND);
    assertThat(r.out())
        .startsWith(
            "Values sealed to key "
                + HistoryRepo.keyId("cluster")
                + " in 13 commits reachable from HEAD "
                + s.repo().head().id().substring(0, 7)
                + ":\n\n")
        .contains(
            "prod/legacy key in legacy/old.sealed.yaml (file since deleted)\n"
                + "  first:  "
                + legacyCommit
                + "  Add a legacy key, sealed to the old cluster key\n"
                + "  last:   "
                + legacyCommit
                + "  Add a legacy key, sealed to the old cluster key\n"
                + "  status: removed: "
                + ExposureStatus.REMOVED.advice()
                + "\n")
        .endsWith("\n" + summary(expected) + "\n");
  }

  private static String summary(List<Row> rows) {
    Map<ExposureStatus, Integer> counts = new TreeMap<>();
    for (Row row : rows) {
      for (ExposureStatus st : ExposureStatus.values()) {
        if (st.wireName().equals(row.status())) {
          counts.merge(st, 1, Integer::sum);
        }
      }
    }
    StringBuilder sb = new StringBuilder(rows.size() + " values exposed: ");
    counts.forEach((st, n) -> sb.append(n).append(' ').append(st.wireName()).append(", "));
    return sb.substring(0, sb.length() - 2);
  }

  @Test
  void exposure_since_walksOnlyCommitsFromThatDate() {
    Scenario s = scenario();
    int from = s.index("add-legacy");
    List<Row> expected = ExpectedExposures.of(s.repo(), "cluster", from);

    var r =
        audit(
            "--key-id",
            HistoryRepo.keyId("cluster").value(),
            "--since",
            HistoryRepo.time(from).toString(),
            "--json");

    assertThat(r.exit()).isEqualTo(ExitCode.FOUND);
    Map<String, Object> doc = Json.parse(r.out());
    assertThat(doc.get("commits")).isEqualTo(String.valueOf(13 - from));
    assertThat(doc.get("since")).isEqualTo(HistoryRepo.time(from).toString());
    assertThat(rows(r.out())).containsExactlyInAnyOrderElementsOf(expected).isNotEmpty();
    assertThat(rows(r.out())).noneMatch(row -> row.object().equals("prod/db"));
  }

  @Test
  void exposure_json_hasTheDocumentedFields() {
    Scenario s = scenario();

    Map<String, Object> doc =
        Json.parse(audit("--key-id", HistoryRepo.keyId("classic").value(), "--json").out());

    assertThat(doc).containsKeys("keyId", "head", "commits", "exposed", "counts", "warnings");
    assertThat(doc.get("keyId")).isEqualTo(HistoryRepo.keyId("classic").value());
    assertThat(Json.map(doc, "head").get("commit")).isEqualTo(s.repo().head().id());
    Map<String, Object> x = Json.list(doc, "exposed").getFirst();
    assertThat(x)
        .containsEntry("object", "prod/metrics")
        .containsEntry("item", "password")
        .containsEntry("file", "clusters/prod/metrics.sealed.yaml")
        .containsEntry("fileAtHead", "clusters/prod/metrics.sealed.yaml")
        .containsEntry("status", "current")
        .containsEntry("advice", ExposureStatus.CURRENT.advice());
    assertThat(Json.map(x, "first"))
        .containsEntry("commit", s.id("add-metrics"))
        .containsEntry("shortCommit", s.id("add-metrics").substring(0, 7))
        .containsEntry("author", "Frank")
        .containsEntry("email", "frank@example.org")
        .containsEntry("date", HistoryRepo.time(s.index("add-metrics")).toString())
        .containsEntry("subject", "Add metrics, X25519 only");
    assertThat(Json.map(doc, "counts")).isEqualTo(Map.of("current", "1"));
  }

  @Test
  void exposure_keyNeverUsed_exits0AndSaysSo() {
    Scenario s = scenario();

    var r = audit("--key-id", "0123456789abcdef");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "No value was sealed to key 0123456789abcdef in 13 commits reachable from HEAD "
                + s.repo().head().id().substring(0, 7)
                + ".\n");
  }

  @Test
  void exposure_upperCaseKeyId_isTheSameKey() {
    scenario();

    var r =
        audit("--key-id", HistoryRepo.keyId("classic").value().toUpperCase(Locale.ROOT), "--json");

    assertThat(r.exit()).isEqualTo(ExitCode.FOUND);
  }

  @Test
  void exposure_notARepository_failsWithAHint() throws Exception {
    Files.createDirectories(dir.resolve("repo"));

    var r = audit("--key-id", "0123456789abcdef");

    assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: "
                + dir.resolve("repo")
                + " is not in a Git repository\n"
                + "sealwright: hint: run it inside a Git working tree, or name one with --repo DIR\n");
  }

  @Test
  void exposure_repoOption_namesTheRepositoryFromElsewhere() {
    Scenario.build(dir.resolve("elsewhere"));

    var r =
        Cli.in(dir)
            .run(
                "audit",
                "exposure",
                "--key-id",
                HistoryRepo.keyId("classic").value(),
                "--repo",
                "elsewhere");

    assertThat(r.exit()).isEqualTo(ExitCode.FOUND);
    assertThat(r.out()).contains("prod/metrics password in clusters/prod/metrics.sealed.yaml\n");
  }

  @Test
  void exposure_missingRepoDirectory_fails() {
    var r = Cli.in(dir).run("audit", "exposure", "--key-id", "0123456789abcdef", "--repo", "nope");

    assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(r.err()).startsWith("sealwright: error: nope: no such directory\n");
  }

  @Test
  void exposure_repositoryWithoutCommits_failsWithAHint() throws Exception {
    try (var repo =
        new FileRepositoryBuilder().setGitDir(dir.resolve("repo/.git").toFile()).build()) {
      repo.create();
    }

    var r = audit("--key-id", "0123456789abcdef");

    assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(r.err())
        .contains("has no commits yet\n")
        .contains("sealwright: hint: commit the sealed files first");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abcdef12", "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQ", "ee95f62ebb69f30g", ""})
  void exposure_notAKeyId_isAUsageErrorThatDoesNotEchoIt(String keyId) throws Exception {
    Files.createDirectories(dir.resolve("repo"));

    var r = audit("--key-id", keyId);

    assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: --key-id takes a key id: 16 hex digits, such as ee95f62ebb69f30b\n")
        .contains("sealwright: hint: 'sealwright inspect FILE' shows the key ids");
    if (!keyId.isEmpty()) {
      assertThat(r.err()).doesNotContain(keyId);
    }
  }

  @Test
  void exposure_badSince_isAUsageError() throws Exception {
    Files.createDirectories(dir.resolve("repo"));

    var r = audit("--key-id", "0123456789abcdef", "--since", "last tuesday");

    assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).startsWith("sealwright: error: --since 'last tuesday' is not a date\n");
  }

  @Test
  void exposure_missingKeyId_isAUsageError() {
    var r = audit();

    assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).startsWith("sealwright: error: Missing required option: '--key-id=ID'\n");
  }

  @Test
  void audit_withoutSubcommand_printsItsUsageAndExits2() {
    var r = Cli.in(dir).run("audit");

    assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).startsWith("Usage: sealwright audit").contains("exposure");
  }

  @Test
  void exposure_help_hasExamples() {
    var r = Cli.in(dir).run("audit", "exposure", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\nExamples:\n  sealwright audit exposure --key-id ");
  }
}
