package dev.sealwright.cli.values;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.values.SealedValuesFile.Leaf;
import dev.sealwright.envelope.Keyring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "unseal",
    mixinStandardHelpOptions = true,
    description = {
      "Print a values file with its sealed leaves opened.",
      "Every envelope (under --path, if given) is opened with the binding given here (never one the file names) and printed in place as a string; everything else is printed as it is. This is what the Helm plugin runs; the output is plaintext, so send it nowhere that keeps it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright values unseal values.yaml -n prod --name app -i key.txt | helm template app ./chart -f -"
    })
public final class UnsealValuesCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "FILE", description = "The sealed values file.")
  String file;

  @Mixin ValuesIdentities identities;
  @Mixin ValuesSelection selection;
  @Mixin ValuesBinding binding;

  public UnsealValuesCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    SealedValuesFile values = ValuesFiles.read(env, file);
    List<Leaf> leaves =
        selection.isEmpty() ? values.leaves() : ValuesSelection.under(values, selection.prefixes());
    Keyring keyring = identities.keyring(env);
    ValuesSealer sealer = new ValuesSealer(binding.shell(Optional.empty()), file);
    Map<Leaf, String> opened = new LinkedHashMap<>();
    for (Leaf leaf : leaves) {
      if (leaf.sealed()) {
        opened.put(leaf, sealer.openText(leaf, keyring));
      }
    }
    env.out().print(values.replace(opened));
    return 0;
  }
}
