package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.EnvFile;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a SealedSecret from literals and files.",
      "Takes the syntax of 'kubectl create secret generic' and seals straight away, so no plaintext manifest is ever written to disk."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright create db -n prod --from-literal username=app --from-literal password=s3cr3t \\",
      "    -r age1pq1... > db.sealed.yaml",
      "  sealwright create tls -n web --type kubernetes.io/tls --from-file tls.crt=cert.pem \\",
      "    --from-file tls.key=key.pem > tls.sealed.yaml",
      "  sealwright create app -n prod --from-env-file app.env --merge-into app.sealed.yaml"
    })
public final class CreateSecretCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Secret.")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "Namespace of the Secret (required by scope strict and namespace).")
  String namespace;

  @Option(names = "--from-literal", paramLabel = "KEY=VALUE", description = "An item; repeatable.")
  List<String> literals = new ArrayList<>();

  @Option(
      names = "--from-file",
      paramLabel = "[KEY=]PATH",
      description = "An item from a file; the key defaults to the file name. Repeatable.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--from-env-file",
      paramLabel = "PATH",
      description = "Items from KEY=VALUE lines ('#' comments); repeatable.")
  List<String> envFiles = new ArrayList<>();

  @Option(names = "--type", paramLabel = "TYPE", description = "Secret type (default Opaque).")
  String type;

  @Mixin SealOptions options;

  public CreateSecretCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    SortedMap<String, SecretBytes> data = new TreeMap<>();
    for (String literal : literals) {
      int eq = literal.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage(
            "--from-literal needs KEY=VALUE", "for example --from-literal password=s3cr3t");
      }
      put(data, literal.substring(0, eq), utf8(literal.substring(eq + 1)), "--from-literal");
    }
    for (String spec : files) {
      int eq = spec.indexOf('=');
      String path = eq < 0 ? spec : spec.substring(eq + 1);
      String key = eq < 0 ? Path.of(path).getFileName().toString() : spec.substring(0, eq);
      put(data, key, SecretBytes.adopt(Inputs.readBytes(env, path)), "--from-file");
    }
    for (String envFile : envFiles) {
      readEnvFile(envFile, data);
    }
    if (data.isEmpty()) {
      throw CliException.usage(
          "no items given",
          "add --from-literal KEY=VALUE, --from-file [KEY=]PATH or --from-env-file PATH");
    }
    ObjectMeta meta = ObjectMeta.named(name, namespace);
    SecretManifest secret = new SecretManifest(meta, type, null, data);
    Path target = options.mergeInto != null ? env.resolve(options.mergeInto) : env.workingDir();
    return options.sealAndWrite(env, List.of(secret), target);
  }

  private void readEnvFile(String path, SortedMap<String, SecretBytes> data) {
    for (EnvFile.Entry entry : EnvFile.parse(Inputs.readText(env, path), path)) {
      put(data, entry.key(), utf8(entry.value()), path);
    }
  }

  private static SecretBytes utf8(String s) {
    return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void put(
      SortedMap<String, SecretBytes> data, String key, SecretBytes value, String origin) {
    if (data.putIfAbsent(key, value) != null) {
      throw CliException.usage(
          "item '" + key + "' is given twice (" + origin + ")", "give every item once");
    }
  }
}
