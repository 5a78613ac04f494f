package dev.sealwright.cli.keys;

import dev.sealwright.age.Age;
import dev.sealwright.age.Identity;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore key Secrets from a backup made by 'sealwright keys backup'.",
      "Decrypts FILE with the offline identity and creates each key Secret that is missing in the"
          + " operator's namespace; existing ones are left unchanged. The operator picks them up"
          + " without a restart."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  sealwright keys restore -i break-glass.txt keys-2026-11-28.age -n sealwright"})
public final class RestoreKeysCommand implements Callable<Integer> {
  private final CliEnv env;

  @Mixin ClusterOptions cluster;

  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      required = true,
      description = "An age identity file that can open the backup; repeatable.")
  List<String> identityFiles = new ArrayList<>();

  @Parameters(paramLabel = "FILE", description = "The backup file.")
  String backup;

  public RestoreKeysCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    List<Identity> identities = Identities.load(env, identityFiles);
    SecretBytes plain;
    try {
      plain = Age.decrypt(Inputs.readBytes(env, backup), identities);
    } catch (SealingException e) {
      throw SealingErrors.describe(e, "backup " + backup);
    }
    byte[] text = plain.toByteArray();
    plain.destroy();
    List<Map<String, Object>> secrets;
    try {
      secrets = KeySecretList.read(new String(text, StandardCharsets.UTF_8), backup);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
    Kubectl kubectl = new Kubectl(env, cluster);
    List<String> restored = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (Map<String, Object> secret : secrets) {
      String name = KeySecretList.name(secret);
      byte[] found = kubectl.run(null, "get", "secret", name, "--ignore-not-found", "-o", "name");
      if (found.length > 0) {
        present.add(KeySecretList.keyId(secret));
        continue;
      }
      byte[] json = KeySecretList.json(secret);
      try {
        kubectl.run(json, "create", "-f", "-");
      } finally {
        Arrays.fill(json, (byte) 0);
      }
      restored.add(KeySecretList.keyId(secret));
    }
    env.err()
        .println(
            "sealwright: restored "
                + restored.size()
                + " key(s) "
                + restored
                + " to namespace "
                + cluster.namespace
                + (present.isEmpty() ? "" : "; already present, left unchanged: " + present));
    return 0;
  }
}
