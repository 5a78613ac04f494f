package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a shell completion script for bash or zsh.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(sealwright completion bash)       # in ~/.bashrc",
      "  source <(sealwright completion zsh)        # in ~/.zshrc (uses bashcompinit)"
    })
public final class CompletionCommand implements Callable<Integer> {
  private final CliEnv env;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SHELL",
      description = "bash (default) or zsh; one script serves both.")
  String shell = "bash";

  public CompletionCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw dev.sealwright.cli.CliException.usage(
          "no completion for shell '" + shell + "'", "use 'sealwright completion bash' or 'zsh'");
    }
    env.out().print(AutoComplete.bash("sealwright", spec.root().commandLine()));
    return 0;
  }
}
