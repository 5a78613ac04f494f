package dev.sealwright.cli.keys;

import dev.sealwright.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sealwright keys} group: fetching the cluster's recipients, backing up or restoring the
 * operator's keys, and retiring one. Its subcommands ({@code KeysFetchCommand}, ...) live in this
 * package and are listed in {@code subcommands} below.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Work with the cluster's sealing keys.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      FetchKeysCommand.class,
      BackupKeysCommand.class,
      RestoreKeysCommand.class,
      RetireKeyCommand.class
    })
public final class KeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
