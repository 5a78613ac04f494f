package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.cli.sealing.Recipients;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "reseal",
    mixinStandardHelpOptions = true,
    description = {
      "Re-seal items to the current recipients (key rotation).",
      "Opens the items with an old identity and seals them to the recipients given or configured. By default re-seals only items not already sealed to exactly the current keys, so items that need no change stay byte-identical. Re-sealed items keep their value tag, so 'sealwright diff' shows them as re-sealed (same value). Re-sealing does not change a credential: after a key compromise, change the value at its source and 'sealwright set' it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright reseal db.sealed.yaml -i old-key.txt              # recipients from .sealwright.yaml",
      "  sealwright reseal db.sealed.yaml -i old-key.txt -r age1pq1... password",
      "  sealwright reseal db.sealed.yaml -i old-key.txt --all"
    })
public final class ResealSecretCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "FILE", description = "The SealedSecret file to rewrite.")
  String file;

  @Parameters(
      index = "1..*",
      paramLabel = "ITEM",
      description = "Only these items (default: all that need it).")
  List<String> items = new ArrayList<>();

  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      required = true,
      description = "An identity that opens the current envelopes; repeatable.")
  List<String> identities;

  @Option(
      names = "--all",
      description = "Re-seal every item, even those already sealed to the current keys.")
  boolean all;

  @Mixin RecipientOptions recipients;

  public ResealSecretCommand(CliEnv env) {
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
            "its items are: " + String.join(", ", sealed.encryptedData().keySet()));
      }
    }
    var destination = recipients.resolve(env, manifest.path());
    Set<KeyId> wanted = new HashSet<>(Recipients.keyIds(destination.recipients()));
    Keyring keyring = Identities.keyring(env, identities);
    SealedSecret result = sealed;
    List<String> resealed = new ArrayList<>();
    for (String item : sealed.encryptedData().keySet()) {
      boolean named = items.isEmpty() || items.contains(item);
      if (!named || (!all && items.isEmpty() && sealedTo(sealed, item).equals(wanted))) {
        continue;
      }
      result = result.withItem(item, Items.reseal(sealed, item, keyring, destination.recipients()));
      resealed.add(item);
    }
    if (resealed.isEmpty()) {
      env.err()
          .println(
              "sealwright: every item is already sealed to the current keys; "
                  + file
                  + " unchanged");
      return 0;
    }
    recipients.announce(env, destination, sealed.scope());
    manifest.write(env, result);
    env.err().println("sealwright: re-sealed " + String.join(", ", resealed) + " in " + file);
    return 0;
  }

  private static Set<KeyId> sealedTo(SealedSecret sealed, String item) {
    try {
      return new HashSet<>(Sealer.inspect(sealed.encryptedData().get(item)).keyIds());
    } catch (SealingException e) {
      return Set.of();
    }
  }
}
