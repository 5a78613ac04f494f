package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.cli.manifest.SecretReader;
import dev.sealwright.secret.SecretBytes;
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
      "  sealwright seal -f new-key.yaml --merge-into db.sealed.yaml   # recipients from .sealwright.yaml",
      "  printf %s \"$TOKEN\" | sealwright seal --raw -n prod --name api --item token -r age1pq1..."
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

  @Option(
      names = "--raw",
      description =
          "Seal one value (from standard input or --from-file) for the binding --scope, -n, --name"
              + " and --item give, and print only its envelope, for templates.")
  boolean raw;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "With --raw: the SealedSecret name the value is bound to (scope strict).")
  String name;

  @Option(
      names = "--item",
      paramLabel = "ITEM",
      description = "With --raw: the item key the value is bound to.")
  String item;

  @Option(
      names = "--from-file",
      paramLabel = "FILE",
      description = "With --raw: read the value from FILE instead of standard input.")
  String fromFile;

  @Mixin SealOptions options;

  public SealSecretCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (raw) {
      return sealRaw();
    }
    if (name != null || item != null || fromFile != null) {
      throw CliException.usage(
          "--name, --item and --from-file go with --raw", "add --raw to seal one value");
    }
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

  private int sealRaw() {
    if (file != null) {
      throw CliException.usage(
          "--raw seals one value, not manifests; -f does not apply",
          "pipe the value on standard input or use --from-file FILE");
    }
    if (item == null) {
      throw CliException.usage(
          "seal --raw needs --item ITEM", "name the item key the value is for");
    }
    SecretBytes value = SecretBytes.adopt(Inputs.readBytes(env, fromFile));
    env.out().println(options.sealRaw(env, name, namespace, item, value));
    return 0;
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
