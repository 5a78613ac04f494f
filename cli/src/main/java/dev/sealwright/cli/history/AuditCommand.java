package dev.sealwright.cli.history;

import dev.sealwright.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code sealwright audit} group: questions about Git history answered without any key. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Audit the Git history of sealed files.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {AuditExposureCommand.class})
public final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
