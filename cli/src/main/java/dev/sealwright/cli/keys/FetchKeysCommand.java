package dev.sealwright.cli.keys;

import dev.sealwright.age.Recipient;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.IoErrors;
import dev.sealwright.cli.io.AtomicFiles;
import dev.sealwright.cli.sealing.Recipients;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.wire.WireNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch the cluster's current public key from the ConfigMap sealwright-public-keys.",
      "Reads it through kubectl and your kubeconfig (any authenticated user may read it), writes an"
          + " age recipients file, and prints the recipient for .sealwright.yaml."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright keys fetch                         # writes recipients.txt",
      "  sealwright keys fetch --context prod -o clusters/prod/recipients.txt",
      "  sealwright seal -f secret.yaml -R recipients.txt > sealed.yaml"
    })
public final class FetchKeysCommand implements Callable<Integer> {
  private final CliEnv env;

  @Mixin ClusterOptions cluster;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = WireNames.RECIPIENTS_TXT,
      description =
          "Where to write the recipients file ('-' for standard output; default ${DEFAULT-VALUE}).")
  String output;

  public FetchKeysCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    byte[] raw =
        new Kubectl(env, cluster)
            .run(
                null,
                "get",
                "configmap",
                WireNames.PUBLIC_KEYS_CONFIGMAP,
                "-o",
                "jsonpath={.data." + WireNames.RECIPIENTS_TXT.replace(".", "\\.") + "}");
    String text = new String(raw, StandardCharsets.UTF_8);
    String source = "ConfigMap " + cluster.namespace + "/" + WireNames.PUBLIC_KEYS_CONFIGMAP;
    List<Recipient> recipients = Recipients.parse(Recipients.lines(text), source);
    if (recipients.isEmpty()) {
      throw CliException.failed(
          source + " lists no recipient yet",
          "the operator publishes its key on first start; check that it runs in namespace "
              + cluster.namespace);
    }
    if (output.equals("-")) {
      env.out().print(text);
      env.out().flush();
      return 0;
    }
    try {
      AtomicFiles.replace(env.resolve(output), text);
    } catch (IOException e) {
      throw IoErrors.describe(e);
    }
    for (Recipient r : recipients) {
      env.out().println(r.encoded());
    }
    env.err()
        .println(
            "sealwright: wrote "
                + output
                + " (current key id "
                + KeyId.of(recipients.getFirst())
                + ") from "
                + source);
    return 0;
  }
}
