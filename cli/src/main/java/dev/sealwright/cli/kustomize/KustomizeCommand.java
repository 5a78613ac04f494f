package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sealwright kustomize} group: KRM functions that kustomize runs as exec plugins ({@code
 * kustomize build --enable-alpha-plugins --enable-exec}); see docs/gitops.md#kustomize.
 */
@Command(
    name = "kustomize",
    mixinStandardHelpOptions = true,
    description = "KRM functions for kustomize: generate SealedSecrets, check their bindings.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {GenerateSealedSecretCommand.class, CheckBindingsCommand.class})
public final class KustomizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
