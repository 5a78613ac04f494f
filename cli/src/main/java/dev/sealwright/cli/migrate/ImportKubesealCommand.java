package dev.sealwright.cli.migrate;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.IoErrors;
import dev.sealwright.cli.command.RecipientOptions;
import dev.sealwright.cli.io.AtomicFiles;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.ManifestWriter;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.migrate.BitnamiManifests.Convertible;
import dev.sealwright.cli.migrate.BitnamiManifests.Entry;
import dev.sealwright.cli.migrate.BitnamiManifests.Skipped;
import dev.sealwright.cli.migrate.BitnamiManifests.Unsupported;
import dev.sealwright.cli.migrate.ImportFiles.ImportFile;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.kubeseal.KubesealOpener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "kubeseal",
    mixinStandardHelpOptions = true,
    description = {
      "Convert Bitnami Sealed Secrets into Sealwright SealedSecrets.",
      "Opens every bitnami.com/v1alpha1 SealedSecret in the given files and directories (searched recursively) with the controller's exported keys and seals its values again, for the same name, namespace and scope, to Sealwright recipients. Writes NAME.sealwright.yaml beside each input file, or the same paths under --output-dir, and prints a report. A file holding an object that does not convert is not written."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright import kubeseal --keys keys.pem -R recipients.txt apps/",
      "  sealwright import kubeseal --keys keys.pem --output-dir converted/ db.yaml web.yaml"
    })
public final class ImportKubesealCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "SealedSecret manifest files, or directories to search.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--keys",
      required = true,
      paramLabel = "FILE",
      description =
          "The Sealed Secrets controller's private keys (PEM, every tls.key; docs/migration.md).")
  String keys;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "Namespace for SealedSecrets whose manifest names none.")
  String namespace;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description = "Write the converted files under DIR, keeping their paths below each PATH.")
  String outputDir;

  @Option(names = "--overwrite", description = "Replace converted files that already exist.")
  boolean overwrite;

  @Mixin RecipientOptions recipients;

  public ImportKubesealCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    KubesealOpener opener = opener();
    Path outDir = outputDir == null ? null : env.resolve(outputDir);
    List<ImportFile> files = ImportFiles.find(env.workingDir(), paths);
    ImportReport report = new ImportReport();
    Map<Path, String> outputs = new LinkedHashMap<>();
    Set<String> announced = new HashSet<>();
    int bitnamiObjects = 0;
    for (ImportFile file : files) {
      Path target = ImportFiles.target(file, outDir);
      String text;
      List<Entry> entries;
      try {
        text = Inputs.utf8(Inputs.readBytes(env, file.file().toString()), file.shown());
        entries = BitnamiManifests.read(text, file.shown(), namespace);
      } catch (CliException e) {
        report.failed(file.shown(), e.getMessage());
        continue;
      }
      List<SealedSecret> converted = new ArrayList<>();
      boolean complete = true;
      for (Entry entry : entries) {
        switch (entry) {
          case Skipped s -> report.skipped(s.where(), s.reason());
          case Unsupported u -> {
            bitnamiObjects++;
            complete = false;
            report.failed(u.where(), u.reason());
          }
          case Convertible c -> {
            bitnamiObjects++;
            SealedSecret result = convert(c, target, report, announced);
            if (result == null) {
              complete = false;
            } else {
              converted.add(result);
            }
          }
        }
      }
      if (converted.isEmpty()) {
        continue;
      }
      if (!complete) {
        report.notWritten(file.shown(), "it holds a SealedSecret that did not convert");
        continue;
      }
      if (outputs.containsKey(target)) {
        throw CliException.usage(
            "two inputs would both be written to " + target,
            "import them in separate runs, or into separate --output-dir directories");
      }
      outputs.put(target, ManifestWriter.sealedSecrets(converted, ManifestWriter.Format.of(text)));
    }
    if (bitnamiObjects == 0 && report.failed() == 0) {
      report.print(env.out());
      throw CliException.failed(
          "no Bitnami SealedSecret (apiVersion: bitnami.com/v1alpha1) in "
              + String.join(", ", paths),
          "pass the files or directories that hold them");
    }
    write(outputs, report);
    report.print(env.out());
    return report.failed() == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  private SealedSecret convert(
      Convertible c, Path target, ImportReport report, Set<String> announced) {
    try {
      RecipientOptions.Destination destination = recipients.resolve(env, target);
      if (announced.add(destination.origin() + " " + c.secret().scope())) {
        recipients.announce(env, destination, c.secret().scope());
      }
      SealedSecret result =
          new KubesealConversion(opener(), destination.recipients()).convert(c.secret());
      report.converted(
          c.where(),
          c.secret().scope().wireName()
              + " scope, "
              + result.encryptedData().size()
              + (result.encryptedData().size() == 1 ? " item" : " items"));
      if (c.secret().patch()) {
        report.note("patch: merges into the existing Secret (label sealwright.dev/patch)");
      }
      if (c.secret().keepSecret()) {
        report.note("no owner reference: the Secret outlives it (sealwright.dev/keep-secret)");
      }
      for (String dropped : c.secret().dropped()) {
        report.note("dropped " + dropped + " (Bitnami only)");
      }
      return result;
    } catch (KubesealConversion.ItemFailure e) {
      report.failed(c.where(), e.getMessage());
    } catch (CliException e) {
      if (e.exitCode() == ExitCode.USAGE) {
        throw e; // no recipients: the same for every object
      }
      report.failed(c.where(), e.getMessage());
    }
    return null;
  }

  private void write(Map<Path, String> outputs, ImportReport report) {
    if (!overwrite) {
      for (Path target : outputs.keySet()) {
        if (Files.exists(target)) {
          throw CliException.refused(
              shown(target) + " already exists; nothing was written",
              "pass --overwrite to replace it, or choose another --output-dir");
        }
      }
    }
    try {
      for (Map.Entry<Path, String> output : outputs.entrySet()) {
        Files.createDirectories(output.getKey().toAbsolutePath().getParent());
        AtomicFiles.replace(output.getKey(), output.getValue());
        report.wrote(shown(output.getKey()));
      }
    } catch (IOException e) {
      throw IoErrors.describe(e);
    }
  }

  private String shown(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    return absolute.startsWith(env.workingDir().toAbsolutePath())
        ? env.workingDir().toAbsolutePath().relativize(absolute).toString()
        : absolute.toString();
  }

  private KubesealOpener cached;

  private KubesealOpener opener() {
    if (cached == null) {
      try {
        cached = KubesealOpener.fromPem(Inputs.readText(env, keys));
      } catch (MalformedException e) {
        throw CliException.failed(
            keys + " holds no usable Sealed Secrets controller key: " + e.getMessage(),
            "export every tls.key of the controller's key Secrets (docs/migration.md)");
      }
    }
    return cached;
  }
}
