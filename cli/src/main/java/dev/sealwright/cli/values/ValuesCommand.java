package dev.sealwright.cli.values;

import dev.sealwright.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sealwright values} group: Helm values files whose secret leaves are sealed one by one,
 * so the file stays readable, diffable YAML (format in {@code docs/cli.md}).
 */
@Command(
    name = "values",
    mixinStandardHelpOptions = true,
    description = "Seal, edit and unseal the secret leaves of Helm values files.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {SealValuesCommand.class, EditValuesCommand.class, UnsealValuesCommand.class})
public final class ValuesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
