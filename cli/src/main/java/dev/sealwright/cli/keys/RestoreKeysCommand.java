package dev.sealwright.cli.keys;

import dev.sealwright.age.Age;
import dev.sealwright.age.Identity;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.io.Confirmation;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.wire.WireNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      "Decrypts FILE with the offline identity, checks every key in it (names and key ids derived"
          + " from the identities, no future dates, nothing but key Secrets), shows what it will"
          + " create, and asks before writing (or takes --yes). Key Secrets that already exist in"
          + " the operator's namespace are left unchanged, and keys whose ids were retired are"
          + " refused unless --reinstate-retired. Protected keys (identity wrapped by the"
          + " cluster's KEK) are restored as they are, or with --from-escrow as plain keys from"
          + " their escrow copies. The operator picks the new ones up without a restart."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright keys restore -i break-glass.txt keys-2026-11-28.age -n sealwright",
      "  sealwright keys restore -i escrow-key.txt keys.age --from-escrow -n sealwright",
      "  sealwright keys restore -i break-glass.txt keys-2026-11-28.age -n sealwright --yes"
    })
public final class RestoreKeysCommand implements Callable<Integer> {
  private final CliEnv env;

  @Mixin ClusterOptions cluster;

  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      required = true,
      description = "An age identity file that can open the backup; repeatable.")
  List<String> identityFiles = new ArrayList<>();

  @Option(
      names = {"-y", "--yes"},
      description = "Restore without asking (for scripts); the plan is still printed.")
  boolean yes;

  @Option(
      names = "--from-escrow",
      description =
          "Restore protected keys as plain ones from their escrow copies, which the -i identities"
              + " open: the way back when the KEK is lost (docs/keys.md).")
  boolean fromEscrow;

  @Option(
      names = "--reinstate-retired",
      description =
          "Also restore keys whose ids were retired (destroyed), marked so the operator uses them"
              + " again. Without it such keys are refused: an old backup must not bring back a"
              + " key that was destroyed on purpose.")
  boolean reinstateRetired;

  @Parameters(paramLabel = "FILE", description = "The backup file.")
  String backup;

  public RestoreKeysCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    List<BackupKey> keys = read();
    Kubectl kubectl = new Kubectl(env, cluster);
    List<BackupKey> missing = new ArrayList<>();
    List<String> present = new ArrayList<>();
    List<RetiredKeyRecords> retired = RetiredKeyRecords.read(kubectl);
    List<String> refused = new ArrayList<>();
    env.err()
        .println(
            "sealwright: "
                + backup
                + " holds "
                + keys.size()
                + " key(s); restore plan for namespace "
                + cluster.namespace
                + ":");
    for (BackupKey key : keys) {
      // Names are checked against sealwright-key-<id>; '--' keeps even a bad one from being a flag.
      byte[] found =
          kubectl.run(null, "get", "--ignore-not-found", "-o", "name", "--", "secret", key.name());
      boolean exists = found.length > 0;
      Optional<RetiredKeyRecords> wasRetired =
          exists ? Optional.empty() : RetiredKeyRecords.latest(retired, key.keyId().value());
      String action =
          exists
              ? "keep    "
              : wasRetired.isEmpty() ? "create  " : reinstateRetired ? "reinstate" : "REFUSE  ";
      env.err()
          .println(
              "  "
                  + action
                  + (action.length() > 8 ? " " : "")
                  + key.name()
                  + (exists
                      ? "  (already in the cluster, left unchanged)"
                      : "  created " + key.createdAt() + ", " + key.state())
                  + wasRetired.map(r -> ", retired at " + r.field("retiredAt")).orElse(""));
      if (wasRetired.isPresent() && !reinstateRetired) {
        refused.add(key.keyId().value());
      }
      if (exists) {
        present.add(key.keyId().value());
      } else {
        missing.add(key);
      }
    }
    if (!refused.isEmpty()) {
      throw CliException.refused(
          "key(s) "
              + refused
              + " were retired (destroyed on purpose, ConfigMap "
              + WireNames.RETIRED_KEYS_CONFIGMAP
              + "); nothing was written",
          "leave them out, or, if bringing them back is deliberate, run again with"
              + " --reinstate-retired");
    }
    if (!missing.isEmpty() && !yes) {
      Confirmation.require(
          env, "create " + missing.size() + " key Secret(s) in namespace " + cluster.namespace);
    }
    List<String> restored = new ArrayList<>();
    String now = Instant.now().toString();
    for (BackupKey key : missing) {
      Map<String, Object> secret = key.secret();
      if (RetiredKeyRecords.latest(retired, key.keyId().value()).isPresent()) {
        secret = KeySecretList.withAnnotation(secret, WireNames.REINSTATED_AT_ANNOTATION, now);
      }
      byte[] json = KeySecretList.json(secret);
      try {
        kubectl.run(json, "create", "-f", "-");
      } finally {
        Arrays.fill(json, (byte) 0);
      }
      restored.add(key.keyId().value());
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

  private List<BackupKey> read() {
    List<Identity> identities = Identities.load(env, identityFiles);
    List<BackupKey> keys = read(identities);
    return fromEscrow ? keys.stream().map(k -> k.fromEscrow(identities)).toList() : keys;
  }

  private List<BackupKey> read(List<Identity> identities) {
    SecretBytes plain;
    try {
      plain = Age.decrypt(Inputs.readBytes(env, backup), identities);
    } catch (SealingException e) {
      throw SealingErrors.describe(e, "backup " + backup);
    }
    byte[] text = plain.toByteArray();
    plain.destroy();
    try {
      return KeySecretList.read(new String(text, StandardCharsets.UTF_8), backup, Instant.now());
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }
}
