package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import java.util.function.Function;

/**
 * Runs one KRM function call: reads the ResourceList from standard input, prints the answer on
 * standard output. A failure is printed twice, as kustomize users see it: as a ResourceList result
 * on standard output (for tools that read results) and, through the CLI's one error format, on
 * standard error, which kustomize passes through; the exit code is then non-zero.
 */
final class KrmFunction {
  private KrmFunction() {}

  static int run(CliEnv env, Function<String, String> function) {
    String input = Inputs.readText(env, "-");
    String output;
    try {
      output = function.apply(input);
    } catch (CliException e) {
      env.out().print(ResourceList.error(e.getMessage()));
      throw e;
    }
    env.out().print(output);
    return 0;
  }
}
