package dev.sealwright.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogItemsCommandTest {
  @TempDir Path dir;

  /** How log describes an envelope replaced by another, given what the builder knows. */
  private static String replaced(boolean sameValue, boolean keyChanged) {
    return new ItemChange(ExpectedExposures.tellable(sameValue), keyChanged).describe();
  }

  private static String wire(boolean sameValue) {
    return new ItemChange(ExpectedExposures.tellable(sameValue), false).wireName();
  }

  private Cli cli() {
    return Cli.in(dir.resolve("repo"));
  }

  /** (commit, renamedFrom, [item: change]) per line of the JSON output. */
  private static List<List<Object>> entries(String out) {
    return Json.list(Json.parse(out), "commits").stream()
        .map(
            c ->
                List.<Object>of(
                    c.get("commit"),
                    String.valueOf(c.get("renamedFrom")),
                    Json.list(c, "changes").stream()
                        .map(
                            x ->
                                x.get("item")
                                    + ": "
                                    + x.get("change")
                                    + (x.get("keyChanged").equals("true") ? ", key changed" : ""))
                        .toList()))
        .toList();
  }

  @Test
  void log_itemThroughARename_listsEveryCommitThatTouchedIt() {
    Scenario s = Scenario.build(dir.resolve("repo"));

    var r = cli().run("log", Scenario.DB, "password", "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(entries(r.out()))
        .containsExactly(
            List.of(s.id("rotate"), "null", List.of("password: " + wire(true) + ", key changed")),
            List.of(s.id("move-db"), "apps/db.sealed.yaml", List.of()),
            List.of(s.id("new-password"), "null", List.of("password: " + wire(false))),
            List.of(s.id("add-db"), "null", List.of("password: added")));
    assertThat(Json.list(Json.parse(r.out()), "commits").getLast())
        .containsEntry("path", "apps/db.sealed.yaml")
        .containsEntry("author", "Alice");
  }

  @Test
  void log_text_isOneLinePerCommit() {
    Scenario s = Scenario.build(dir.resolve("repo"));
    HistoryRepo.Commit rotate = s.repo().commit(s.id("rotate"));

    var r = cli().run("log", Scenario.DB);

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).endsWith("| The db needs no username | username: removed");
    assertThat(lines.get(1))
        .isEqualTo(
            rotate.id().substring(0, 7)
                + " "
                + HistoryRepo.time(rotate.index())
                + " Carol <carol@example.org> | Rotate to the new cluster key | password: "
                + replaced(true, true)
                + "; username: "
                + replaced(true, true));
    assertThat(lines.get(2))
        .endsWith("| Move db under clusters/prod | renamed from apps/db.sealed.yaml");
    assertThat(lines.get(4)).endsWith("| Add the db secret | password: added; username: added");
  }

  @Test
  void log_fileFromAMergedBranch_listsTheBranchCommitsNotTheMerge() {
    Scenario s = Scenario.build(dir.resolve("repo"));

    var r = cli().run("log", Scenario.CACHE, "--json");

    assertThat(entries(r.out()))
        .containsExactly(
            List.of(
                s.id("cache-old-key"), "null", List.of("url: " + wire(false) + ", key changed")),
            List.of(s.id("add-cache"), "null", List.of("url: added")));
  }

  @Test
  void log_fileMovedAndResealedInOneCommit_isFollowed() {
    Scenario s = Scenario.build(dir.resolve("repo"));

    var r = cli().run("log", Scenario.API, "--json");

    assertThat(entries(r.out()))
        .containsExactly(
            List.of(
                s.id("move-api"),
                "apps/api.sealed.yaml",
                List.of("token: " + wire(true) + ", key changed")),
            List.of(s.id("rotate"), "null", List.of("token: " + wire(true) + ", key changed")),
            List.of(s.id("add-api"), "null", List.of("token: added")));
  }

  @Test
  void log_deletedFile_showsItsHistoryEndingInRemoval() {
    Scenario s = Scenario.build(dir.resolve("repo"));

    var r = cli().run("log", "legacy/old.sealed.yaml", "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(entries(r.out()))
        .containsExactly(
            List.of(s.id("drop-legacy"), "null", List.of("key: removed")),
            List.of(s.id("add-legacy"), "null", List.of("key: added")));
  }

  @Test
  void log_json_hasTheDocumentedFields() {
    Scenario s = Scenario.build(dir.resolve("repo"));

    Map<String, Object> doc = Json.parse(cli().run("log", Scenario.DB, "password", "--json").out());

    assertThat(doc)
        .containsEntry("file", Scenario.DB)
        .containsEntry("item", "password")
        .containsKey("warnings");
    Map<String, Object> rotate = Json.list(doc, "commits").getFirst();
    assertThat(rotate)
        .containsEntry("commit", s.id("rotate"))
        .containsEntry("shortCommit", s.id("rotate").substring(0, 7))
        .containsEntry("date", HistoryRepo.time(s.index("rotate")).toString())
        .containsEntry("author", "Carol")
        .containsEntry("email", "carol@example.org")
        .containsEntry("subject", "Rotate to the new cluster key")
        .containsEntry("path", Scenario.DB);
    assertThat(Json.list(rotate, "changes").getFirst())
        .containsEntry("object", "prod/db")
        .containsEntry("item", "password")
        .containsEntry("keyChanged", "true")
        .containsEntry(
            "keyIdsBefore",
            List.of(HistoryRepo.keyId("cluster").value(), HistoryRepo.keyId("breakglass").value()))
        .containsEntry(
            "keyIdsAfter",
            List.of(HistoryRepo.keyId("other").value(), HistoryRepo.keyId("breakglass").value()))
        .containsEntry("description", replaced(true, true));
  }

  @Test
  void log_fromASubfolder_resolvesTheFileAgainstTheWorkingDirectory() {
    Scenario.build(dir.resolve("repo"));

    var r = Cli.in(dir.resolve("repo/clusters/prod")).run("log", "db.sealed.yaml", "password");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(4);
  }

  @Test
  void log_unknownItem_failsListingTheItems() {
    Scenario.build(dir.resolve("repo"));

    var r = cli().run("log", Scenario.DB, "pasword");

    assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: "
                + Scenario.DB
                + " never had an item 'pasword'\nsealwright: hint: its items were: password, username\n");
  }

  @Test
  void log_fileWithoutHistory_fails() {
    Scenario.build(dir.resolve("repo"));

    var r = cli().run("log", "clusters/prod/nothing.yaml");

    assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(r.err())
        .startsWith("sealwright: error: clusters/prod/nothing.yaml has no history in ");
  }

  @Test
  void log_notARepository_failsWithAHint() throws Exception {
    Files.createDirectories(dir.resolve("repo"));
    Files.writeString(dir.resolve("repo/db.yaml"), "kind: SealedSecret\n");

    var r = cli().run("log", "db.yaml");

    assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: db.yaml is not in a Git repository\n"
                + "sealwright: hint: run it on a file inside a Git working tree (a clone of your GitOps repository)\n");
  }
}
