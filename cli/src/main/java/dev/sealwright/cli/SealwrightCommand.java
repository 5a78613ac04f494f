package dev.sealwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code sealwright} command: only lists the subcommands, which {@link Commands} adds. */
@Command(
    name = "sealwright",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Seal Kubernetes Secrets for Git with age (post-quantum by default).",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright keygen -o cluster-key.txt",
      "  sealwright create db -n prod --from-literal password=s3cr3t -r age1pq1... > db.sealed.yaml",
      "  kubectl create secret generic db --from-literal=password=s3cr3t --dry-run=client -o yaml \\",
      "    | sealwright seal -r age1pq1... > db.sealed.yaml",
      "  sealwright set db.sealed.yaml api-key --from-stdin < key.txt",
      "  sealwright inspect db.sealed.yaml",
      "",
      "Exit codes: 0 ok, 1 failed, 2 usage error, 3 refused for safety, 4 internal error,",
      "5 found (audit exposure found values sealed to the key).",
      "Documentation: docs/cli.md"
    })
public final class SealwrightCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of failures (never plaintext).")
  boolean verbose;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
