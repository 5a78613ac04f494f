package dev.sealwright.cli.sops;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.IoErrors;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.command.SealOptions;
import dev.sealwright.cli.io.AtomicFiles;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.cli.migrate.ImportFiles;
import dev.sealwright.cli.migrate.ImportFiles.ImportFile;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.cli.values.ValuesSealer;
import dev.sealwright.errors.SealingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sops",
    mixinStandardHelpOptions = true,
    description = {
      "Convert SOPS-encrypted Secret manifests and dotenv files into SealedSecrets, and SOPS values"
          + " files into sealed values files.",
      "Opens age-encrypted files in memory (the SOPS MAC is checked before anything is written); files"
          + " only another key service opens (PGP, KMS, Vault) are decrypted by 'sops decrypt' when sops"
          + " is on PATH. Writes NAME.sealed.yaml beside each input (or at the same path under --output-dir), all files or"
          + " none. A values file (YAML or JSON that is not a Kubernetes object) keeps its layout and"
          + " format: each value SOPS encrypted becomes an envelope bound to its key and to --name and"
          + " -n."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright import sops secrets/ -i ~/.config/sops/age/keys.txt   # recipients from .sealwright.yaml",
      "  sealwright import sops db.enc.yaml -r age1pq1...",
      "  sealwright import sops app.env --name app -n prod -R recipients.txt",
      "  sealwright import sops secrets.yaml --name app -n prod -R recipients.txt   # helm-secrets"
    })
public final class ImportSopsCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "SOPS files, or directories to search for *.yaml, *.yml, *.json and *.env.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      description =
          "age identity file that opens the files; repeatable. Default: SOPS_AGE_KEY_FILE,"
              + " SOPS_AGE_KEY, then sops' keys.txt.")
  List<String> identityFiles = new ArrayList<>();

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description =
          "Namespace of dotenv Secrets, of manifests that name none, and of the SealedSecret values"
              + " files are sealed for.")
  String namespace;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "Name of the Secret made from a dotenv file (default: the file name; one dotenv file only),"
              + " and of the SealedSecret values files are sealed for.")
  String name;

  @Option(
      names = {"-d", "--output-dir"},
      paramLabel = "DIR",
      description =
          "Write the converted files under DIR, keeping the folders they have below each PATH,"
              + " instead of beside each input.")
  String outputDir;

  @Option(names = "--overwrite", description = "Replace SealedSecret files that already exist.")
  boolean overwrite;

  @Mixin SealOptions options;

  public ImportSopsCommand(CliEnv env) {
    this.env = env;
  }

  /** The inputs found, by path: where each is below its argument decides its output's folder. */
  private final Map<Path, ImportFile> found = new HashMap<>();

  /** One file to write, sealed in memory before any is written. */
  private record Output(Path file, String source, String text, String line) {}

  @Override
  public Integer call() {
    options.refuseMergeInto("import sops");
    List<Path> inputs = inputs();
    long dotenvFiles = inputs.stream().filter(p -> format(p) == SopsFormat.DOTENV).count();
    if (name != null && dotenvFiles > 1) {
      throw CliException.usage(
          "--name names the Secret of one dotenv file, but " + dotenvFiles + " are given",
          "import dotenv files one at a time with --name, or leave --name out");
    }
    boolean nameUsed = dotenvFiles == 1;
    List<Identity> identities = identities();
    Optional<SopsCli> sops = SopsCli.onPath(env);
    Map<Path, Output> outputs = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Path input : inputs) {
      String source = display(input);
      SopsFormat format = format(input);
      String text = Inputs.readText(env, input.toString());
      Optional<SopsDocument> doc =
          SopsReader.read(new SopsReader.Input(text, input, source, format), identities, sops);
      if (doc.isEmpty()) {
        skipped.add("skipped " + source + ": not SOPS-encrypted (no sops metadata)");
        continue;
      }
      if (SopsValuesFiles.isValuesFile(doc.get())) {
        Optional<Output> sealed = values(input, text, doc.get(), outputs, skipped);
        sealed.ifPresent(o -> outputs.put(o.file(), o));
        nameUsed |= sealed.isPresent();
        continue;
      }
      List<SecretManifest> secrets = secrets(input, format, doc.get(), skipped);
      if (secrets.isEmpty()) {
        continue;
      }
      Path target = target(input);
      try {
        checkTarget(target, source, outputs);
      } catch (CliException e) {
        secrets.forEach(SecretManifest::destroy);
        throw e;
      }
      String line = report(source, target, secrets, doc.get());
      outputs.put(
          target, new Output(target, source, options.sealToText(env, secrets, target), line));
    }
    if (name != null && !nameUsed) {
      throw CliException.usage(
          "--name names the Secret of a dotenv file or the SealedSecret of values files, but none"
              + " was converted; nothing was written",
          "leave --name out");
    }
    // Every file opened and sealed: only now write, so a failure above leaves nothing behind.
    for (Output o : outputs.values()) {
      try {
        Files.createDirectories(o.file().toAbsolutePath().getParent());
        AtomicFiles.replace(o.file(), o.text());
      } catch (IOException e) {
        throw IoErrors.describe(e);
      }
      env.out().println(o.line());
    }
    skipped.forEach(env.out()::println);
    env.out()
        .println(
            "sealwright import sops: "
                + outputs.size()
                + " converted, "
                + skipped.size()
                + " skipped");
    return 0;
  }

  /**
   * A values file sealed in memory, or empty (and a line in {@code skipped}) when it cannot be; its
   * plaintext is destroyed here.
   */
  private Optional<Output> values(
      Path input, String text, SopsDocument doc, Map<Path, Output> outputs, List<String> skipped) {
    String source = display(input);
    try {
      Optional<String> why = SopsValuesFiles.unsealable(doc);
      if (why.isPresent()) {
        skipped.add("skipped " + source + ": " + why.get() + "; nothing was written for it");
        return Optional.empty();
      }
      Path target = valuesTarget(input);
      checkTarget(target, source, outputs);
      SealOptions.ValueBinding binding =
          options.valueBinding(env, target, name, namespace, "values file " + source);
      SopsValuesFiles.Sealed sealed =
          SopsValuesFiles.seal(
              text, doc, new ValuesSealer(binding.shell(), source), binding.recipients(), source);
      options.announce(env, binding);
      String line =
          "converted "
              + source
              + " -> "
              + display(target)
              + ": values for "
              + binding.shell().meta().displayName()
              + " ("
              + sealed.sealed()
              + (sealed.sealed() == 1 ? " value" : " values")
              + " sealed"
              + (sealed.droppedComments() > 0
                  ? ", "
                      + sealed.droppedComments()
                      + (sealed.droppedComments() == 1
                          ? " encrypted comment"
                          : " encrypted comments")
                      + " dropped"
                  : "")
              + (sealed.asStrings().isEmpty()
                  ? ""
                  : "; open as strings: " + String.join(", ", sealed.asStrings()))
              + (doc.viaSopsCli() ? "; via sops decrypt" : "")
              + ")";
      return Optional.of(new Output(target, source, sealed.text(), line));
    } finally {
      doc.destroy();
    }
  }

  /** Refuses a target another input of this run writes, or that exists (without --overwrite). */
  private void checkTarget(Path target, String source, Map<Path, Output> outputs) {
    if (outputs.containsKey(target)) {
      throw CliException.usage(
          source
              + " and "
              + outputs.get(target).source()
              + " would both be written to "
              + display(target),
          "import them into different --output-dir folders, or rename one");
    }
    if (!overwrite && Files.exists(target)) {
      throw CliException.refused(
          display(target) + " already exists; nothing was written",
          "pass --overwrite to replace it, or choose another --output-dir");
    }
  }

  /** The Secrets of one decrypted file, whose plaintext is destroyed here. */
  private List<SecretManifest> secrets(
      Path input, SopsFormat format, SopsDocument doc, List<String> skipped) {
    try {
      if (format == SopsFormat.DOTENV) {
        return List.of(SopsSecrets.dotenv(doc, name != null ? name : stem(input), namespace));
      }
      SopsSecrets.Conversion c = SopsSecrets.manifests(doc, namespace);
      c.skipped().forEach(s -> skipped.add("skipped " + s));
      return c.secrets();
    } finally {
      doc.destroy();
    }
  }

  /** Computed before sealing, which destroys the values. */
  private String report(
      String source, Path target, List<SecretManifest> secrets, SopsDocument doc) {
    String names = String.join(", ", secrets.stream().map(s -> s.meta().displayName()).toList());
    int items = secrets.stream().mapToInt(s -> s.data().size()).sum();
    return "converted "
        + source
        + " -> "
        + display(target)
        + ": "
        + names
        + " ("
        + items
        + (items == 1 ? " item" : " items")
        + (doc.viaSopsCli() ? ", via sops decrypt" : "")
        + ")";
  }

  private List<Path> inputs() {
    List<Path> files = new ArrayList<>();
    for (ImportFile f : ImportFiles.find(env.workingDir(), paths, ImportSopsCommand::candidate)) {
      found.put(f.file(), f);
      files.add(f.file());
    }
    return files;
  }

  /** In directories: the extensions SOPS stores use, but not our own output. */
  private static boolean candidate(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return !n.contains(".sealed.")
        && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json") || n.endsWith(".env"));
  }

  private static SopsFormat format(Path file) {
    return SopsFormat.ofFileName(file.getFileName().toString());
  }

  /** {@code db.enc.yaml} and {@code db.sops.json} become {@code db}; {@code .env} becomes env. */
  static String stem(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String base = dot > 0 ? n.substring(0, dot) : n.startsWith(".") ? n.substring(1) : n;
    for (String suffix : List.of(".enc", ".sops", ".secret")) {
      if (base.toLowerCase(Locale.ROOT).endsWith(suffix) && base.length() > suffix.length()) {
        base = base.substring(0, base.length() - suffix.length());
      }
    }
    return base;
  }

  private Path target(Path input) {
    return output(input, stem(input) + ".sealed" + options.extension());
  }

  /** Beside the input, or under --output-dir in the folder it has below its argument. */
  private Path output(Path input, String name) {
    return ImportFiles.output(
        found.get(input), outputDir == null ? null : env.resolve(outputDir), name);
  }

  /**
   * A values file keeps its format and extension: {@code secrets.enc.yaml} gives {@code
   * secrets.sealed.yaml}, {@code app.json} gives {@code app.sealed.json}.
   */
  private Path valuesTarget(Path input) {
    String n = input.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String extension = dot > 0 ? n.substring(dot) : ".yaml";
    return output(input, stem(input) + ".sealed" + extension);
  }

  private String display(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(env.workingDir())
        ? env.workingDir().relativize(abs).toString()
        : abs.toString();
  }

  /** -i files; else where sops itself looks for age identities. */
  private List<Identity> identities() {
    if (!identityFiles.isEmpty()) {
      return Identities.load(env, identityFiles);
    }
    Optional<String> keyFile = env.getenv("SOPS_AGE_KEY_FILE");
    if (keyFile.isPresent()) {
      return Identities.load(env, List.of(keyFile.get()));
    }
    Optional<String> key = env.getenv("SOPS_AGE_KEY");
    if (key.isPresent()) {
      try {
        return AgeKeys.parseIdentities(key.get());
      } catch (SealingException e) {
        throw SealingErrors.describe(e, "SOPS_AGE_KEY");
      }
    }
    Optional<Path> config =
        env.getenv("XDG_CONFIG_HOME")
            .map(Path::of)
            .or(() -> env.getenv("HOME").map(h -> Path.of(h, ".config")));
    if (config.isPresent()) {
      Path keys = config.get().resolve("sops/age/keys.txt");
      if (Files.isRegularFile(keys)) {
        return Identities.load(env, List.of(keys.toString()));
      }
    }
    return List.of();
  }
}
