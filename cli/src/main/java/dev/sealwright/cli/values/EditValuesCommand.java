package dev.sealwright.cli.values;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.command.RecipientOptions;
import dev.sealwright.cli.io.PrivateTempFile;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.values.SealedValuesFile.Leaf;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.secret.SecretBytes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "edit",
    mixinStandardHelpOptions = true,
    description = {
      "Edit a values file in $EDITOR with its sealed leaves opened.",
      "On save, the leaves beside sealed ones (or under --path) are sealed again where they changed; unchanged ones keep their envelopes byte for byte, and the rest of the file is kept as you saved it. The plaintext lives in a file readable only by you (in /dev/shm where it exists), removed on every exit path."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  EDITOR=nano sealwright values edit values.yaml -n prod --name app -i key.txt",
      "  sealwright values edit values.yaml -p secrets -n prod --name app -i key.txt -r age1pq1..."
    })
public final class EditValuesCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(index = "0", paramLabel = "FILE", description = "The values file to edit.")
  String file;

  @Mixin ValuesIdentities identities;
  @Mixin ValuesSelection selection;
  @Mixin ValuesBinding binding;
  @Mixin RecipientOptions recipients;

  public EditValuesCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    SealedValuesFile before = ValuesFiles.read(env, file);
    Keyring keyring = identities.keyring(env);
    Path target = env.resolve(file);
    ValuesSealer opener =
        new ValuesSealer(binding.shell(ValuesBinding.configuredScope(env, target)), file);
    Map<List<String>, Leaf> sealedBefore = new HashMap<>();
    Map<Leaf, String> opened = new LinkedHashMap<>();
    for (Leaf leaf : before.leaves()) {
      if (leaf.sealed()) {
        sealedBefore.put(leaf.path(), leaf);
        opened.put(leaf, opener.openText(leaf, keyring));
      }
    }
    String edited =
        PrivateTempFile.edit(env, target.getFileName().toString(), before.replace(opened));
    if (edited.isBlank()) {
      env.err().println("sealwright: the edited text is empty; " + file + " unchanged");
      return 0;
    }
    SealedValuesFile after = SealedValuesFile.parse(edited, "the edited text");
    List<Leaf> toSeal =
        selection.isEmpty()
            ? ValuesSelection.besideSealed(before, after)
            : ValuesSelection.under(after, selection.prefixes());
    return apply(before, after, toSeal, sealedBefore, opened);
  }

  private int apply(
      SealedValuesFile before,
      SealedValuesFile after,
      List<Leaf> toSeal,
      Map<List<String>, Leaf> sealedBefore,
      Map<Leaf, String> opened) {
    Map<Leaf, String> envelopes = new LinkedHashMap<>();
    List<String> changes = new ArrayList<>();
    RecipientOptions.Destination to = null;
    SealedSecret shell = null;
    for (Leaf leaf : toSeal) {
      if (leaf.value() == null || leaf.sealed()) {
        continue;
      }
      Leaf old = sealedBefore.get(leaf.path());
      ValuesSealer.checkSealable(leaf, "the edited text");
      if (old != null && sameText(opened.get(old), leaf.value())) {
        envelopes.put(leaf, old.value());
        continue;
      }
      if (to == null) {
        to = recipients.resolve(env, env.resolve(file));
        shell = binding.shell(to.configuredScope());
      }
      envelopes.put(leaf, new ValuesSealer(shell, file).seal(leaf, to.recipients()));
      changes.add((old == null ? "sealed " : "changed ") + leaf.dotted());
    }
    String text = after.replace(envelopes);
    if (text.equals(before.text())) {
      env.err().println("sealwright: no changes; " + file + " unchanged");
      return 0;
    }
    if (to != null) {
      recipients.announce(env, to, shell.scope());
    }
    ValuesFiles.replace(env, file, text);
    env.err()
        .println(
            "sealwright: "
                + (changes.isEmpty() ? "updated" : String.join(", ", changes))
                + " in "
                + file);
    return 0;
  }

  /** Constant-time, as every comparison of plaintext is. */
  private static boolean sameText(String a, String b) {
    SecretBytes x = ValuesSealer.utf8(a);
    SecretBytes y = ValuesSealer.utf8(b);
    try {
      return x.equalsSecret(y);
    } finally {
      x.destroy();
      y.destroy();
    }
  }
}
