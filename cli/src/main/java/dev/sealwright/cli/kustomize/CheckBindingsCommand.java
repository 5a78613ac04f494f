package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliEnv;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "KRM check: fail the build when a transformer renamed a generated SealedSecret.",
      "Compares each SealedSecret's final namespace and name with the place its values were sealed for (annotation "
          + BoundPlace.ANNOTATION
          + "); the functionConfig is a sealwright.dev/v1 "
          + BindingCheck.KIND
          + ", listed last under transformers: in the top overlay (kustomize's validators: field"
          + " rejects any exec function's answer, kustomize issue 5036). Passes every resource"
          + " through unchanged."
    })
public final class CheckBindingsCommand implements Callable<Integer> {
  private final CliEnv env;

  public CheckBindingsCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    return KrmFunction.run(
        env,
        "check",
        BindingCheck.KIND,
        (text, input) -> {
          BindingCheck.check(input.resources());
          // A check must not change anything: answer with exactly what kustomize wrote.
          return text;
        });
  }
}
