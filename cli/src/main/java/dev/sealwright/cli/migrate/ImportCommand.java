package dev.sealwright.cli.migrate;

import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.sops.ImportSopsCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sealwright import} group: converting secrets sealed by other tools into Sealwright
 * SealedSecrets. One subcommand per tool.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Convert secrets sealed by other tools into Sealwright SealedSecrets.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {ImportKubesealCommand.class, ImportSopsCommand.class})
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
