package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliEnv;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "KRM generator: SealedSecrets from sealed env files and sealed files.",
      "Reads a ResourceList on standard input (functionConfig: a sealwright.dev/v1 SealedSecretGenerator), prints one on standard output. Holds no key: with decrypt: true and "
          + Generator.IDENTITY_VARIABLE
          + " set it generates a plain Secret instead (plaintext in the render output)."
    },
    footerHeading = "%nExample (generator.yaml, listed under generators: in kustomization.yaml):%n",
    footer = {
      "  apiVersion: sealwright.dev/v1",
      "  kind: SealedSecretGenerator",
      "  metadata:",
      "    name: db",
      "    namespace: prod",
      "    annotations:",
      "      config.kubernetes.io/function: |",
      "        exec:",
      "          path: sealwright",
      "          args: [kustomize, generate]",
      "  envs: [db.sealed.env]",
      "  options: {disableNameSuffixHash: true}",
      "Then: kustomize build --enable-alpha-plugins --enable-exec . (docs/gitops.md#kustomize)"
    })
public final class GenerateSealedSecretCommand implements Callable<Integer> {
  private final CliEnv env;

  public GenerateSealedSecretCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    return KrmFunction.run(
        env,
        "generate",
        GeneratorConfig.KIND,
        (text, input) -> {
          GeneratorConfig config = GeneratorConfig.parse(input.functionConfig());
          return ResourceList.write(new Generator(env, config).run(input));
        });
  }
}
