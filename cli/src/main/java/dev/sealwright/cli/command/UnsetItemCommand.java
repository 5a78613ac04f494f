package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.SealedSecret;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "unset",
    mixinStandardHelpOptions = true,
    description = {
      "Remove items; every other item stays byte-identical.",
      "Needs no key. The file is rewritten atomically."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  sealwright unset db.sealed.yaml old-password"})
public final class UnsetItemCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "FILE", description = "The SealedSecret file to change.")
  String file;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "ITEM",
      description = "Item keys to remove.")
  List<String> items;

  public UnsetItemCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    SealedSecretFile manifest = SealedSecretFile.read(env, file);
    SealedSecret sealed = manifest.sealed();
    for (String item : items) {
      if (!sealed.encryptedData().containsKey(item)) {
        throw CliException.failed(
            file + " has no item '" + item + "'",
            sealed.encryptedData().isEmpty()
                ? "the SealedSecret has no items"
                : "its items are: " + String.join(", ", sealed.encryptedData().keySet()));
      }
      sealed = sealed.withoutItem(item);
    }
    manifest.write(env, sealed);
    env.err().println("sealwright: removed " + String.join(", ", items) + " from " + file);
    return 0;
  }
}
