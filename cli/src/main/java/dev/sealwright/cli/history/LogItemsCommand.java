package dev.sealwright.cli.history;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = {
      "Show who changed a sealed file's items, when and why, from Git history.",
      "Follows FILE back from HEAD through renames. One line per commit that added, changed,"
          + " re-sealed or removed an item: commit, author date, author, subject, and what happened"
          + " to each item. Reads the repository directly (no git needed) and never decrypts."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright log clusters/prod/db.sealed.yaml",
      "  sealwright log clusters/prod/db.sealed.yaml password",
      "  sealwright log --json clusters/prod/db.sealed.yaml | jq '.commits[0]'"
    })
public final class LogItemsCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "FILE", description = "A sealed file in a Git work tree.")
  String file;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "ITEM",
      description = "Only this item (default: every item).")
  String item;

  @Option(names = "--json", description = "Print one JSON document instead of lines.")
  boolean json;

  public LogItemsCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Path target = env.resolve(file);
    if (Files.isDirectory(target)) {
      throw CliException.usage(file + " is a directory", "name one sealed file");
    }
    try (GitRepository repo =
        GitRepository.find(
            existingFolder(target.getParent()),
            file,
            "run it on a file inside a Git working tree (a clone of your GitOps repository)")) {
      Path workTree = repo.workTree();
      if (workTree == null || !target.startsWith(workTree)) {
        throw CliException.failed(
            file + " is not inside the work tree of its Git repository",
            "run it on a file of a checked-out repository");
      }
      String path = workTree.relativize(target).toString().replace(File.separatorChar, '/');
      Warnings warnings = new Warnings();
      FileLog.Result log = FileLog.of(repo, path, item, warnings);
      if (!log.found()) {
        throw CliException.failed(
            file + " has no history in " + workTree,
            "check the path: Git paths are case-sensitive, and the file must be committed");
      }
      if (item != null && !log.items().contains(item)) {
        throw CliException.failed(
            file + " never had an item '" + item + "'",
            "its items were: " + String.join(", ", log.items()));
      }
      if (json) {
        LogReport.json(env.out(), path, item, log, warnings);
      } else {
        LogReport.text(env.out(), log);
      }
      warnings.print(env.err());
      return ExitCode.OK;
    }
  }

  /** {@code dir} or its nearest existing parent: a deleted file's folder may be gone too. */
  private static Path existingFolder(Path dir) {
    Path d = dir;
    while (d != null && !Files.isDirectory(d)) {
      d = d.getParent();
    }
    return d == null ? dir : d;
  }
}
