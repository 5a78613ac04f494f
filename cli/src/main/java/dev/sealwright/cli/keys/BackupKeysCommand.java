package dev.sealwright.cli.keys;

import dev.sealwright.age.Age;
import dev.sealwright.age.Recipient;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.IoErrors;
import dev.sealwright.cli.io.AtomicFiles;
import dev.sealwright.cli.sealing.Recipients;
import dev.sealwright.wire.WireNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Back up the operator's key Secrets, encrypted to offline age recipients.",
      "Reads every Secret labelled sealwright.dev/key=true through kubectl and writes one age file"
          + " (mode 0600, never over an existing file). The keys never touch the disk in clear."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright keygen -o break-glass.txt          # keep this file offline",
      "  sealwright keys backup -r age1pq1... -o keys-$(date +%F).age",
      "  sealwright keys restore -i break-glass.txt keys-2026-11-28.age"
    })
public final class BackupKeysCommand implements Callable<Integer> {
  private final CliEnv env;

  @Mixin ClusterOptions cluster;

  @Option(
      names = {"-r", "--recipient"},
      paramLabel = "RECIPIENT",
      description = "Encrypt to this age recipient; repeatable.")
  List<String> recipients = new ArrayList<>();

  @Option(
      names = {"-R", "--recipients-file"},
      paramLabel = "FILE",
      description = "Encrypt to every recipient in FILE; repeatable.")
  List<String> recipientFiles = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "The backup file to create.")
  String output;

  public BackupKeysCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    List<String> all = Recipients.fromFlags(env, recipients, recipientFiles);
    if (all.isEmpty()) {
      throw CliException.usage(
          "no recipient to encrypt the backup to",
          "pass -r RECIPIENT or -R FILE with an offline key ('sealwright keygen -o FILE' makes one)");
    }
    List<Recipient> to = Recipients.parse(all, "command line");
    if (java.nio.file.Files.exists(env.resolve(output))) {
      throw CliException.refused(
          output + " already exists; refusing to overwrite a backup", "choose another file name");
    }
    byte[] json =
        new Kubectl(env, cluster)
            .run(null, "get", "secrets", "-l", WireNames.KEY_LABEL + "=true", "-o", "json");
    byte[] plain = KeySecretList.fromKubectlJson(json);
    Arrays.fill(json, (byte) 0);
    int count =
        KeySecretList.read(
                new String(plain, StandardCharsets.UTF_8), "the key Secrets", Instant.now())
            .size();
    if (count == 0) {
      Arrays.fill(plain, (byte) 0);
      throw CliException.failed(
          "no key Secrets in namespace " + cluster.namespace,
          "pass -n with the operator's namespace; reading Secrets there needs the right to");
    }
    byte[] file;
    try {
      file = Age.encrypt(plain, to);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), "use only post-quantum or only classic recipients");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    try {
      AtomicFiles.createPrivate(env.resolve(output), file);
    } catch (FileAlreadyExistsException e) {
      throw CliException.refused(output + " already exists; refusing to overwrite a backup");
    } catch (IOException e) {
      throw IoErrors.describe(e);
    }
    env.err()
        .println(
            "sealwright: backed up "
                + count
                + " key(s) from namespace "
                + cluster.namespace
                + " to "
                + output
                + ", encrypted to "
                + to.size()
                + " recipient(s)");
    return 0;
  }
}
