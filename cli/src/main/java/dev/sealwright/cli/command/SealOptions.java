package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.AtomicFiles;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.ManifestWriter;
import dev.sealwright.cli.manifest.ManifestWriter.Format;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.envelope.Scope;
import dev.sealwright.secret.SecretBytes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code seal} and {@code create} share: scope, recipients, output format, merging. */
public final class SealOptions {
  @Mixin RecipientOptions recipients;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description =
          "strict (namespace and name), namespace, or cluster. Default: .sealwright.yaml, else strict.")
  String scope;

  @Option(
      names = "--service-account",
      paramLabel = "NAME",
      description = "Also bind the values to this service account.")
  String serviceAccount;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "yaml (default), json, or env (ITEM=ENVELOPE lines of one SealedSecret, for the"
              + " kustomize generator).")
  String output = "yaml";

  @Option(
      names = "--merge-into",
      paramLabel = "FILE",
      description =
          "Add or replace these items in the SealedSecret in FILE, keeping every other item"
              + " byte-identical; FILE is rewritten atomically, or created if missing.")
  String mergeInto;

  /** Seals {@code secrets} and prints them, or merges the one Secret into {@code --merge-into}. */
  int sealAndWrite(CliEnv env, List<SecretManifest> secrets, Path sourceForRules) {
    format(); // refuse an unknown -o before reading anything
    Path target = null;
    if (mergeInto != null) {
      target = env.resolve(mergeInto);
      if (java.nio.file.Files.exists(target)) {
        String existing = Inputs.readText(env, mergeInto);
        if (!existing.isBlank()) {
          return merge(env, secrets, existing);
        }
      }
      // A new file: seal as usual, then write it atomically, with the rules for that file.
      sourceForRules = target;
    }
    String text = sealToText(env, secrets, sourceForRules);
    if (target != null) {
      write(env, target, text);
    } else {
      env.out().print(text);
    }
    return 0;
  }

  /**
   * Seals {@code secrets} (destroying their values) to the recipients and scope that apply to
   * {@code target}, announces them, and returns the SealedSecrets as the text of one file.
   */
  public String sealToText(CliEnv env, List<SecretManifest> secrets, Path target) {
    RecipientOptions.Destination destination = recipients.resolve(env, target);
    Scope chosen = chosenScope(destination);
    List<SealedSecret> sealed = new ArrayList<>();
    try {
      for (SecretManifest secret : secrets) {
        SealedSecret shell = shell(secret, chosen, serviceAccount);
        sealed.add(sealItems(shell, secret, destination));
      }
    } finally {
      secrets.forEach(SecretManifest::destroy);
    }
    Format format = format();
    String text =
        format == null
            ? ManifestWriter.sealedEnvFile(sealed)
            : ManifestWriter.sealedSecrets(sealed, format);
    recipients.announce(env, destination, chosen);
    return text;
  }

  /**
   * Seals one value for the binding the flags give (Bitnami's {@code kubeseal --raw}) and returns
   * the bare envelope, for templates that build the SealedSecret themselves.
   */
  String sealRaw(CliEnv env, String name, String namespace, String item, SecretBytes value) {
    refuseMergeInto("seal --raw");
    try {
      ValueBinding binding = valueBinding(env, env.workingDir(), name, namespace, "seal --raw");
      String envelope = Items.seal(binding.shell(), item, value, binding.recipients());
      announce(env, binding);
      return envelope;
    } finally {
      value.destroy();
    }
  }

  /**
   * Where single values go that the command line binds (not a Secret manifest): a raw envelope, or
   * the leaves of a values file.
   *
   * @param shell a SealedSecret without items that carries the binding
   */
  public record ValueBinding(SealedSecret shell, RecipientOptions.Destination destination) {
    public List<dev.sealwright.age.Recipient> recipients() {
      return destination.recipients();
    }
  }

  /**
   * The binding of values sealed one by one into {@code target}: the scope ({@code --scope}, else
   * the {@code .sealwright.yaml} rule, else strict), {@code name} and {@code namespace} as far as
   * the scope binds them, and the recipients.
   *
   * @param what how the error names what is sealed ("seal --raw")
   * @throws CliException naming the flag, when the scope binds a name or namespace not given
   */
  public ValueBinding valueBinding(
      CliEnv env, Path target, String name, String namespace, String what) {
    RecipientOptions.Destination destination = recipients.resolve(env, target);
    Scope chosen = chosenScope(destination);
    if (chosen == Scope.STRICT && name == null) {
      throw CliException.usage(
          what + " with scope strict needs --name", "pass --name NAME, or use --scope namespace");
    }
    if (chosen != Scope.CLUSTER && namespace == null) {
      throw CliException.usage(
          what + " with scope " + chosen.wireName() + " needs -n NAMESPACE",
          "pass -n NAMESPACE, or use --scope cluster");
    }
    SealedSecret shell =
        new SealedSecret(
            ObjectMeta.named(
                chosen == Scope.STRICT ? name : null, chosen == Scope.CLUSTER ? null : namespace),
            chosen,
            serviceAccount,
            new TreeMap<>(),
            new SealedSecret.Template(new TreeMap<>(), new TreeMap<>(), null, null));
    return new ValueBinding(shell, destination);
  }

  /** Prints on stderr where values were sealed to (see {@link RecipientOptions#announce}). */
  public void announce(CliEnv env, ValueBinding binding) {
    recipients.announce(env, binding.destination(), binding.shell().scope());
  }

  /** For commands that choose their own output files: {@code --merge-into} does not apply. */
  public void refuseMergeInto(String command) {
    if (mergeInto != null) {
      throw CliException.usage(
          command + " writes its own files; --merge-into does not apply", "leave it out");
    }
  }

  /** The file name extension of the chosen output format. */
  public String extension() {
    Format format = format();
    return format == null ? ".env" : format == Format.JSON ? ".json" : ".yaml";
  }

  private int merge(CliEnv env, List<SecretManifest> secrets, String existingText) {
    if (secrets.size() != 1) {
      throw CliException.usage(
          "--merge-into takes one Secret, but the input holds " + secrets.size(),
          "merge one Secret at a time");
    }
    SealedSecretFile file = SealedSecretFile.of(env, mergeInto, existingText);
    SealedSecret existing = file.sealed();
    SecretManifest secret = secrets.getFirst();
    ObjectMeta meta = secret.meta();
    if (meta.name() != null && !Objects.equals(meta.name(), existing.meta().name())
        || meta.namespace() != null
            && !Objects.equals(meta.namespace(), existing.meta().namespace())) {
      throw CliException.failed(
          "the Secret is "
              + meta.displayName()
              + " but "
              + mergeInto
              + " holds "
              + existing.meta().displayName(),
          "merge a Secret into the SealedSecret of the same name and namespace");
    }
    if (scope != null && parseScope(scope) != existing.scope()
        || serviceAccount != null && !serviceAccount.equals(existing.serviceAccount())) {
      throw CliException.usage(
          "--scope and --service-account must match " + mergeInto + " when merging",
          "leave them out; merged items take the file's scope and service account");
    }
    file.requireConsistentBindings();
    RecipientOptions.Destination destination = recipients.resolve(env, file.path());
    SealedSecret merged = sealItems(existing, secret, destination);
    recipients.announce(env, destination, existing.scope());
    file.write(env, merged);
    return 0;
  }

  private static SealedSecret sealItems(
      SealedSecret target, SecretManifest secret, RecipientOptions.Destination destination) {
    TreeMap<String, String> data = new TreeMap<>(target.encryptedData());
    try {
      for (Map.Entry<String, SecretBytes> item : secret.data().entrySet()) {
        data.put(
            item.getKey(),
            Items.seal(target, item.getKey(), item.getValue(), destination.recipients()));
      }
    } finally {
      secret.destroy();
    }
    return target.withEncryptedData(data);
  }

  /** A SealedSecret without items, carrying the Secret's metadata into the template. */
  static SealedSecret shell(SecretManifest secret, Scope scope, String serviceAccount) {
    ObjectMeta meta = secret.meta();
    if (meta.name() == null) {
      throw CliException.failed(
          "a Secret has no metadata.name",
          "every Kubernetes object needs a name; add metadata.name");
    }
    SealedSecret shell =
        new SealedSecret(
            ObjectMeta.named(meta.name(), meta.namespace()),
            scope,
            serviceAccount,
            new TreeMap<>(),
            new SealedSecret.Template(
                meta.labels(),
                meta.annotations(),
                secret.type() == null ? "Opaque" : secret.type(),
                secret.immutable()));
    // Fail on a missing namespace or bad name before sealing anything, with the scope's hint.
    shell.binding(secret.data().isEmpty() ? "item" : secret.data().firstKey());
    return shell;
  }

  Scope chosenScope(RecipientOptions.Destination destination) {
    if (scope != null) {
      return parseScope(scope);
    }
    return destination.configuredScope().orElse(Scope.STRICT);
  }

  public static Scope parseScope(String s) {
    Scope parsed = Scope.fromWireName(s);
    if (parsed == null) {
      throw CliException.usage(
          "unknown scope '" + s + "'", "use --scope strict, --scope namespace or --scope cluster");
    }
    return parsed;
  }

  /** The manifest format of {@code -o}, or null for {@code -o env} (a sealed env file). */
  Format format() {
    return switch (output.toLowerCase(Locale.ROOT)) {
      case "yaml" -> Format.YAML;
      case "json" -> Format.JSON;
      case "env" -> {
        if (mergeInto != null) {
          throw CliException.usage(
              "-o env does not combine with --merge-into", "write the env file to standard output");
        }
        yield null; // not a manifest: see sealAndWrite
      }
      default ->
          throw CliException.usage(
              "unknown output format '" + output + "'", "use -o yaml, -o json or -o env");
    };
  }

  static void write(CliEnv env, Path file, String text) {
    try {
      AtomicFiles.replace(file, text);
    } catch (IOException e) {
      throw dev.sealwright.cli.IoErrors.describe(e);
    }
  }
}
