package dev.sealwright.cli.command;

import dev.sealwright.cli.sops.ImportSopsCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sealwright import}: only groups the migration commands. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Convert another tool's encrypted files into SealedSecrets.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {ImportSopsCommand.class})
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return dev.sealwright.cli.ExitCode.USAGE;
  }
}
