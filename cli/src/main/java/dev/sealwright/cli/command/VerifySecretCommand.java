package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.cli.sealing.Recipients;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.secret.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check SealedSecret files offline; with --identity, open every item.",
      "Checks structure, the names the scope binds, and that every envelope parses and agrees with spec.scope and spec.serviceAccount. With --identity, also opens every item with the binding the operator will expect. Exits 1 on any problem."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright verify db.sealed.yaml                      # in CI, no key needed",
      "  sealwright verify db.sealed.yaml -i break-glass.txt   # proves every item opens",
      "  sealwright verify --check-recipients clusters/*/*.yaml  # all sealed to .sealwright.yaml's keys"
    })
public final class VerifySecretCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "SealedSecret files.")
  List<String> files;

  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      description = "Also open every item with this age identity file; repeatable.")
  List<String> identities = new ArrayList<>();

  @Option(
      names = "--check-recipients",
      description =
          "Also fail items not sealed to exactly the recipients of -r/-R or .sealwright.yaml"
              + " (for CI after a key rotation).")
  boolean checkRecipients;

  @Mixin RecipientOptions recipients;

  public VerifySecretCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Keyring keyring = identities.isEmpty() ? null : Identities.keyring(env, identities);
    int checked = 0;
    int failed = 0;
    for (String file : files) {
      List<SealedSecret> all;
      try {
        all = SealedSecretReader.read(Inputs.readText(env, file), file);
      } catch (CliException e) {
        env.out().println("FAILED  " + e.getMessage());
        failed++;
        continue;
      }
      // Resolved at the first item that needs it, once per file: every item of a file has the
      // same recipients, and resolving reads .sealwright.yaml and recipient files.
      Set<KeyId> wanted = null;
      for (SealedSecret sealed : all) {
        for (ItemInfo info : ItemInfo.of(sealed)) {
          checked++;
          List<String> problems = new ArrayList<>(info.problems());
          if (problems.isEmpty() && checkRecipients) {
            if (wanted == null) {
              wanted =
                  new java.util.HashSet<>(
                      Recipients.keyIds(recipients.resolve(env, env.resolve(file)).recipients()));
            }
            Set<KeyId> actual = new java.util.HashSet<>(info.info().keyIds());
            if (!actual.equals(wanted)) {
              problems.add(
                  "sealed to keys "
                      + ids(actual)
                      + " but the recipients are "
                      + ids(wanted)
                      + "; run 'sealwright reseal'");
            }
          }
          if (problems.isEmpty() && keyring != null) {
            try {
              SecretBytes value = Items.open(sealed, info.item(), keyring);
              value.destroy();
            } catch (CliException e) {
              problems.add(e.getMessage());
            }
          }
          String where = file + ": " + sealed.meta().displayName() + " " + info.item();
          if (problems.isEmpty()) {
            env.out().println("ok      " + where + (keyring != null ? " (opened)" : ""));
          } else {
            failed++;
            problems.forEach(p -> env.out().println("FAILED  " + where + ": " + p));
          }
        }
      }
    }
    if (failed > 0) {
      throw CliException.failed(
          failed + " of " + Math.max(checked, failed) + " checks failed",
          "the lines marked FAILED above name each problem");
    }
    env.out().println("verified " + checked + " items" + (keyring != null ? ", all opened" : ""));
    return ExitCode.OK;
  }

  private static String ids(Set<KeyId> ids) {
    return String.join(",", ids.stream().map(KeyId::value).sorted().toList());
  }
}
