package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Add or replace one item, without any key to open the file.",
      "Every other item stays byte-identical; the file is rewritten atomically."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright set db.sealed.yaml password --from-literal n3w-s3cr3t",
      "  sealwright set tls.sealed.yaml tls.key --from-file key.pem -r age1pq1...",
      "  pass show db | sealwright set db.sealed.yaml password --from-stdin"
    })
public final class SetItemCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "FILE", description = "The SealedSecret file to change.")
  String file;

  @Parameters(index = "1", paramLabel = "ITEM", description = "The item key.")
  String item;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--from-literal", paramLabel = "VALUE", description = "The value itself.")
    String literal;

    @Option(names = "--from-file", paramLabel = "PATH", description = "The bytes of PATH.")
    String path;

    @Option(names = "--from-stdin", description = "The bytes of standard input.")
    boolean stdin;
  }

  @Mixin RecipientOptions recipients;

  public SetItemCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    SealedSecretFile manifest = SealedSecretFile.read(env, file);
    SealedSecret sealed = manifest.sealed();
    sealed.binding(item);
    manifest.requireConsistentBindings();
    var destination = recipients.resolve(env, manifest.path());
    SecretBytes value = value();
    try {
      String envelope = Items.seal(sealed, item, value, destination.recipients());
      boolean replaced = sealed.encryptedData().containsKey(item);
      recipients.announce(env, destination, sealed.scope());
      manifest.write(env, sealed.withItem(item, envelope));
      env.err()
          .println(
              "sealwright: " + (replaced ? "replaced" : "added") + " " + Items.where(sealed, item));
      return 0;
    } finally {
      value.destroy();
    }
  }

  private SecretBytes value() {
    if (source.literal != null) {
      return SecretBytes.adopt(source.literal.getBytes(StandardCharsets.UTF_8));
    }
    return SecretBytes.adopt(Inputs.readBytes(env, source.stdin ? "-" : source.path));
  }
}
