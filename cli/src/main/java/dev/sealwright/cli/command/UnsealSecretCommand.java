package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.ManifestWriter;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.secret.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "unseal",
    mixinStandardHelpOptions = true,
    description = {
      "Recovery: print SealedSecrets as plaintext Secrets.",
      "Opens every item with an identity and prints Kubernetes Secrets. Refuses to print plaintext to a terminal unless --force."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright unseal -i break-glass.txt -f db.sealed.yaml > db-secret.yaml",
      "  sealwright unseal -i break-glass.txt -f db.sealed.yaml | kubectl apply -f -"
    })
public final class UnsealSecretCommand implements Callable<Integer> {
  private final CliEnv env;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description = "The SealedSecret file ('-' or absent for standard input).")
  String file;

  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      required = true,
      description = "An age identity file; repeatable.")
  List<String> identities;

  @Option(names = "--force", description = "Print plaintext even to a terminal.")
  boolean force;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "yaml (default) or json.")
  String output = "yaml";

  public UnsealSecretCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (!force && env.stdoutIsTerminal().getAsBoolean()) {
      throw CliException.refused(
          "refusing to print plaintext Secrets to a terminal",
          "redirect to a file or a pipe (sealwright unseal ... > secret.yaml), or pass --force");
    }
    ManifestWriter.Format format =
        switch (output) {
          case "yaml" -> ManifestWriter.Format.YAML;
          case "json" -> ManifestWriter.Format.JSON;
          default ->
              throw CliException.usage(
                  "unknown output format '" + output + "'", "use -o yaml or -o json");
        };
    Keyring keyring = Identities.keyring(env, identities);
    String source = Inputs.displayName(file);
    List<SecretManifest> secrets = new ArrayList<>();
    try {
      for (SealedSecret sealed : SealedSecretReader.read(Inputs.readText(env, file), source)) {
        SortedMap<String, SecretBytes> data = new TreeMap<>();
        try {
          for (String item : sealed.encryptedData().keySet()) {
            data.put(item, Items.open(sealed, item, keyring));
          }
        } catch (RuntimeException e) {
          data.values().forEach(SecretBytes::destroy);
          throw e;
        }
        SealedSecret.Template t = sealed.template();
        ObjectMeta meta =
            new ObjectMeta(
                sealed.meta().name(), sealed.meta().namespace(), t.labels(), t.annotations());
        secrets.add(new SecretManifest(meta, t.effectiveType(), t.immutable(), data));
      }
      env.out().print(ManifestWriter.secrets(secrets, format));
      return 0;
    } finally {
      secrets.forEach(SecretManifest::destroy);
    }
  }
}
