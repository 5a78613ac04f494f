package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.io.PrivateTempFile;
import dev.sealwright.cli.manifest.EditBuffer;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.secret.SecretBytes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "edit",
    mixinStandardHelpOptions = true,
    description = {
      "Edit the plaintext of a SealedSecret in $EDITOR.",
      "Re-seals only the items you change; unchanged items keep their envelopes byte for byte. The plaintext lives in a file readable only by you (in /dev/shm where it exists), removed on every exit path. Editor: $SEALWRIGHT_EDITOR, $VISUAL or $EDITOR, else vi."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  EDITOR=nano sealwright edit db.sealed.yaml -i break-glass.txt",
      "  sealwright edit db.sealed.yaml -i key.txt -r age1pq1... -r age1pq1..."
    })
public final class EditSecretCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "FILE", description = "The SealedSecret file to edit.")
  String file;

  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      required = true,
      description = "An identity that opens the items; repeatable.")
  List<String> identities;

  @Mixin RecipientOptions recipients;

  public EditSecretCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    SealedSecretFile manifest = SealedSecretFile.read(env, file);
    SealedSecret sealed = manifest.sealed();
    Path target = manifest.path();
    Keyring keyring = Identities.keyring(env, identities);
    SortedMap<String, SecretBytes> before = new TreeMap<>();
    SortedMap<String, SecretBytes> after = null;
    try {
      for (String item : sealed.encryptedData().keySet()) {
        before.put(item, Items.open(sealed, item, keyring));
      }
      String title = sealed.meta().displayName() + " (scope " + sealed.scope().wireName() + ")";
      String edited =
          PrivateTempFile.edit(
              env, target.getFileName().toString(), EditBuffer.render(title, before));
      after = EditBuffer.parse(edited);
      if (after == null) {
        env.err().println("sealwright: the edited text is empty; " + file + " unchanged");
        return 0;
      }
      return apply(manifest, before, after);
    } finally {
      before.values().forEach(SecretBytes::destroy);
      if (after != null) {
        after.values().forEach(SecretBytes::destroy);
      }
    }
  }

  private int apply(
      SealedSecretFile manifest,
      SortedMap<String, SecretBytes> before,
      SortedMap<String, SecretBytes> after) {
    SealedSecret sealed = manifest.sealed();
    SortedMap<String, String> data = new TreeMap<>();
    List<String> changes = new ArrayList<>();
    RecipientOptions.Destination to = null;
    for (Map.Entry<String, SecretBytes> e : after.entrySet()) {
      String item = e.getKey();
      SecretBytes old = before.get(item);
      if (old != null && old.equalsSecret(e.getValue())) {
        data.put(item, sealed.encryptedData().get(item));
        continue;
      }
      if (to == null) {
        to = recipients.resolve(env, manifest.path());
      }
      data.put(item, Items.seal(sealed, item, e.getValue(), to.recipients()));
      changes.add((old == null ? "added " : "changed ") + item);
    }
    for (String item : before.keySet()) {
      if (!after.containsKey(item)) {
        changes.add("removed " + item);
      }
    }
    if (changes.isEmpty()) {
      env.err().println("sealwright: no changes; " + file + " unchanged");
      return 0;
    }
    if (to != null) {
      recipients.announce(env, to, sealed.scope());
    }
    manifest.write(env, sealed.withEncryptedData(data));
    env.err().println("sealwright: " + String.join(", ", changes) + " in " + file);
    return 0;
  }
}
