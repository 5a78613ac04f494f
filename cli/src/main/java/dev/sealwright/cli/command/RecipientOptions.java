package dev.sealwright.cli.command;

import dev.sealwright.age.Recipient;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.config.RepoConfig;
import dev.sealwright.cli.sealing.Recipients;
import dev.sealwright.envelope.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where values are sealed to: {@code -r}/{@code -R} flags, else the matching rule of the nearest
 * {@code .sealwright.yaml}.
 */
public final class RecipientOptions {
  @Option(
      names = {"-r", "--recipient"},
      paramLabel = "RECIPIENT",
      description = "Seal to this age recipient (age1pq1... or age1...); repeatable.")
  List<String> recipients = new ArrayList<>();

  @Option(
      names = {"-R", "--recipients-file"},
      paramLabel = "FILE",
      description = "Seal to every recipient in FILE (one a line, '#' comments); repeatable.")
  List<String> recipientFiles = new ArrayList<>();

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not print which key ids, scope and configuration rule were used.")
  boolean quiet;

  /**
   * Recipients and the configured scope for values written to {@code target}.
   *
   * @param target the file being written, or the working directory when writing to stdout
   */
  public Destination resolve(CliEnv env, Path target) {
    if (!recipients.isEmpty() || !recipientFiles.isEmpty()) {
      List<String> all = Recipients.fromFlags(env, recipients, recipientFiles);
      return new Destination(
          Recipients.parse(all, "command line"), Optional.empty(), "--recipient/--recipients-file");
    }
    Optional<RepoConfig> config = RepoConfig.find(env);
    if (config.isEmpty()) {
      throw CliException.usage(
          "no recipients: pass --recipient or --recipients-file",
          "inside a GitOps repository, name them once in a .sealwright.yaml (see docs/cli.md)");
    }
    RepoConfig.Match match =
        config
            .get()
            .match(target)
            .orElseThrow(
                () ->
                    CliException.usage(
                        "no rule in "
                            + config.get().file()
                            + " matches "
                            + describe(config.get(), target),
                        target.equals(env.workingDir())
                            ? "writing to standard output, rules match the working directory;"
                                + " use --merge-into FILE to apply FILE's rule, or pass --recipient"
                            : "add a rule whose path matches, or pass --recipient"));
    return new Destination(
        Recipients.parse(match.rule().recipients(), config.get().file().toString()),
        Optional.of(match.scope()),
        match.describe());
  }

  /**
   * Prints, on stderr, the one line that says where values went: key ids, scope and what chose
   * them, so a planted or stale {@code .sealwright.yaml} cannot redirect sealing unnoticed.
   */
  public void announce(CliEnv env, Destination destination, Scope scope) {
    if (quiet) {
      return;
    }
    env.err()
        .println(
            "sealwright: sealing to key ids "
                + String.join(
                    ", ",
                    Recipients.keyIds(destination.recipients()).stream()
                        .map(Object::toString)
                        .toList())
                + " with scope "
                + scope.wireName()
                + "; recipients from "
                + destination.origin());
  }

  private static String describe(RepoConfig config, Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    if (!absolute.startsWith(config.dir())) {
      return absolute.toString();
    }
    String relative = config.dir().relativize(absolute).toString();
    return relative.isEmpty() ? "'.' (the repository root)" : "'" + relative + "'";
  }

  /**
   * @param configuredScope the scope from {@code .sealwright.yaml}; empty when flags gave the
   *     recipients
   * @param origin what chose the recipients, for the line {@link #announce} prints
   */
  public record Destination(
      List<Recipient> recipients, Optional<Scope> configuredScope, String origin) {}
}
