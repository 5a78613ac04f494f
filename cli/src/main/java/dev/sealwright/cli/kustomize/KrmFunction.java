package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs one KRM function call: reads the ResourceList from standard input, prints the answer on
 * standard output. A failure is printed twice, as kustomize users see it: as a ResourceList result
 * on standard output (for tools that read results) and, through the CLI's one error format, on
 * standard error, which kustomize passes through; the exit code is then non-zero.
 */
final class KrmFunction {
  /** The apiVersion of the functionConfigs these functions take. */
  static final String API_VERSION = "sealwright.dev/v1";

  private KrmFunction() {}

  /**
   * Runs {@code function} on the text kustomize wrote and the ResourceList read from it, after
   * checking that the functionConfig is a {@code sealwright.dev/v1} object of {@code kind}.
   */
  static int run(
      CliEnv env, String command, String kind, BiFunction<String, ResourceList, String> function) {
    String text = Inputs.readText(env, "-");
    String output;
    try {
      ResourceList input = ResourceList.read(text);
      Map<String, Object> config = input.functionConfig();
      if (!kind.equals(config.get("kind")) || !API_VERSION.equals(config.get("apiVersion"))) {
        throw CliException.usage(
            "the functionConfig is not a " + API_VERSION + " " + kind,
            "'sealwright kustomize "
                + command
                + "' takes apiVersion: "
                + API_VERSION
                + ", kind: "
                + kind
                + " (docs/gitops.md#kustomize)");
      }
      output = function.apply(text, input);
    } catch (CliException e) {
      env.out().print(ResourceList.error(e.getMessage()));
      throw e;
    }
    env.out().print(output);
    return 0;
  }
}
