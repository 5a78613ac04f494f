package dev.sealwright.cli.history;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.envelope.KeyId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "exposure",
    mixinStandardHelpOptions = true,
    description = {
      "List every value ever sealed to a key id in the Git history.",
      "For a lost or compromised key: walks every commit reachable from HEAD and lists each value"
          + " once (file, object, item, first and last commit with author) with its status at HEAD:"
          + " current, re-sealed, changed, removed or unknown. Reads the repository directly (no"
          + " git needed) and never decrypts. Exits 5 when any value was sealed to the key, 0 when"
          + " none was."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright audit exposure --key-id ee95f62ebb69f30b",
      "  sealwright audit exposure --key-id ee95f62ebb69f30b --since 2026-01-01 --repo ~/gitops",
      "  sealwright audit exposure --key-id ee95f62ebb69f30b --json | jq '.exposed[].status'"
    })
public final class AuditExposureCommand implements Callable<Integer> {
  private final CliEnv env;

  @Option(
      names = "--key-id",
      required = true,
      paramLabel = "ID",
      description = "The key id (16 hex digits, as 'sealwright inspect' shows).")
  String keyId;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description = "Only commits committed at or after DATE (2026-01-31 or 2026-01-31T12:00:00Z).")
  String since;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "A folder in the Git work tree (default: the working directory).")
  String repo = ".";

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  public AuditExposureCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    KeyId key = keyId(keyId);
    Instant from = since == null ? null : instant(since);
    Path dir = env.resolve(repo);
    if (!Files.isDirectory(dir)) {
      throw CliException.failed(
          repo + ": no such directory", "--repo names a folder of a Git work tree");
    }
    try (GitRepository git =
        GitRepository.find(
            dir, dir.toString(), "run it inside a Git working tree, or name one with --repo DIR")) {
      Warnings warnings = new Warnings();
      ExposureAudit.Result result = ExposureAudit.run(git, key, from, warnings);
      if (json) {
        ExposureReport.json(env.out(), key, from, result, warnings);
      } else {
        ExposureReport.text(env.out(), key, from, result);
      }
      warnings.print(env.err());
      return result.exposed().isEmpty() ? ExitCode.OK : ExitCode.FOUND;
    }
  }

  static KeyId keyId(String text) {
    try {
      return new KeyId(text.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // Not echoed: a pasted identity (AGE-SECRET-KEY-...) must not reach the terminal or logs.
      throw CliException.usage(
          "--key-id takes a key id: 16 hex digits, such as ee95f62ebb69f30b",
          "'sealwright inspect FILE' shows the key ids of every item; keygen writes one in a '#"
              + " key id:' line");
    }
  }

  static Instant instant(String text) {
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      // Not a plain date; try a date and time.
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw CliException.usage(
          "--since '" + text + "' is not a date",
          "use a date such as 2026-01-31 (UTC midnight) or a date and time such as"
              + " 2026-01-31T12:00:00Z");
    }
  }
}
