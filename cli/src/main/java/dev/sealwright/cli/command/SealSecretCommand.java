package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.cli.manifest.SecretReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "seal",
    mixinStandardHelpOptions = true,
    description = {
      "Seal Kubernetes Secret manifests into SealedSecrets.",
      "Reads YAML or JSON (several documents, data and stringData) from -f FILE or standard input and writes SealedSecrets to standard output, or into --merge-into FILE. Drops kubectl's last-applied-configuration annotation and server-set fields, so no plaintext leaks."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright seal -f db-secret.yaml -r age1pq1... > db.sealed.yaml",
      "  kubectl create secret generic db --from-literal=password=s3cr3t --dry-run=client -o yaml \\",
      "    | sealwright seal --scope namespace -R recipients.txt",
      "  sealwright seal -f new-key.yaml --merge-into db.sealed.yaml   # recipients from .sealwright.yaml"
    })
public final class SealSecretCommand implements Callable<Integer> {
  private final CliEnv env;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description = "Read the Secret manifests from FILE ('-' for standard input).")
  String file;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "Namespace for Secrets whose manifest names none.")
  String namespace;

  @Mixin SealOptions options;

  public SealSecretCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    String source = Inputs.displayName(file);
    List<SecretManifest> secrets = new ArrayList<>();
    for (SecretManifest s : SecretReader.read(Inputs.readText(env, file), source)) {
      secrets.add(withNamespace(s));
    }
    if (secrets.isEmpty()) {
      throw CliException.failed(source + " holds no Secret", "pass a Secret manifest with -f FILE");
    }
    return options.sealAndWrite(
        env, secrets, file == null || file.equals("-") ? env.workingDir() : env.resolve(file));
  }

  private SecretManifest withNamespace(SecretManifest s) {
    if (namespace == null) {
      return s;
    }
    if (s.meta().namespace() != null && !s.meta().namespace().equals(namespace)) {
      throw CliException.usage(
          "Secret "
              + s.meta().displayName()
              + " is in namespace "
              + s.meta().namespace()
              + ", not "
              + namespace,
          "-n only fills in a missing namespace; drop it or fix the manifest");
    }
    return new SecretManifest(s.meta().withNamespace(namespace), s.type(), s.immutable(), s.data());
  }
}
