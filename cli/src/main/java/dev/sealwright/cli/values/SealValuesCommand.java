package dev.sealwright.cli.values;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.command.RecipientOptions;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.values.SealedValuesFile.Leaf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "seal",
    mixinStandardHelpOptions = true,
    description = {
      "Seal the plaintext leaves under --path in a values file, in place.",
      "Each leaf becomes one envelope bound to its map key as item and to the scope, namespace and name given here. Leaves that are already envelopes, and every byte outside the sealed scalars (comments, order, quoting, blank lines), stay as they were. The file is replaced atomically."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright values seal values.yaml --path secrets -n prod --name app -r age1pq1...",
      "  sealwright values seal values.yaml -p db.password -p api.token -n prod --name app"
    })
public final class SealValuesCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "FILE", description = "The values file to seal in place.")
  String file;

  @Mixin ValuesSelection selection;
  @Mixin ValuesBinding binding;
  @Mixin RecipientOptions recipients;

  public SealValuesCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (selection.isEmpty()) {
      throw CliException.usage(
          "no --path: say which values to seal", "e.g. --path secrets seals every leaf under it");
    }
    SealedValuesFile values = ValuesFiles.read(env, file);
    Map<Leaf, String> envelopes = new LinkedHashMap<>();
    RecipientOptions.Destination to = null;
    SealedSecret shell = null;
    for (Leaf leaf : ValuesSelection.under(values, selection.prefixes())) {
      if (leaf.value() == null || leaf.sealed()) {
        continue;
      }
      if (to == null) {
        to = recipients.resolve(env, env.resolve(file));
        shell = binding.shell(to.configuredScope());
      }
      envelopes.put(leaf, new ValuesSealer(shell, file).seal(leaf, to.recipients()));
    }
    if (envelopes.isEmpty()) {
      env.err().println("sealwright: nothing to seal; " + file + " unchanged");
      return 0;
    }
    recipients.announce(env, to, shell.scope());
    ValuesFiles.replace(env, file, values.replace(envelopes));
    env.err()
        .println(
            "sealwright: sealed "
                + String.join(", ", envelopes.keySet().stream().map(Leaf::dotted).toList())
                + " in "
                + file);
    return 0;
  }
}
