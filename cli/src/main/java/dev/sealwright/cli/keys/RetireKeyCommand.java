package dev.sealwright.cli.keys;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Confirmation;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.wire.WireNames;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "retire",
    mixinStandardHelpOptions = true,
    description = {
      "Ask the operator to retire (destroy) a cluster key that is decrypt-only or disabled.",
      "Writes the request on the key Secret (who asks, from 'kubectl auth whoami', and when) and"
          + " waits for the operator's answer. The operator refuses while any SealedSecret in the"
          + " namespaces it watches has an item sealed to the key, and lists them; otherwise it"
          + " deletes the key Secret and records the retirement in ConfigMap"
          + " sealwright-retired-keys. There is no undo but a backup made before."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl label secret -n sealwright sealwright-key-652e212dc7370224 \\",
      "      sealwright.dev/key-state=decrypt-only --overwrite",
      "  sealwright keys retire 652e212dc7370224           # asks on a terminal",
      "  sealwright keys retire 652e212dc7370224 --yes --timeout 120"
    })
public final class RetireKeyCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(500);

  private final CliEnv env;

  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "KEYID", description = "The key id (16 hex digits).")
  String keyId;

  @Option(
      names = {"-y", "--yes"},
      description = "Retire without asking (for scripts).")
  boolean yes;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "How long to wait for the operator's answer (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  public RetireKeyCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    KeyId id;
    try {
      id = new KeyId(keyId);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "'" + dev.sealwright.errors.Bounded.text(keyId, 40) + "' is not a key id",
          "a key id is 16 lower-case hex digits, as in 'kubectl get secrets -n "
              + cluster.namespace
              + " -l "
              + WireNames.KEY_LABEL
              + "=true'");
    }
    if (timeoutSeconds < 1) {
      throw CliException.usage("--timeout must be at least 1 second");
    }
    String name = WireNames.keySecretName(id.value());
    Kubectl kubectl = new Kubectl(env, cluster);
    if (keySecret(kubectl, name).isEmpty()) {
      Optional<RetiredKeyRecords> earlier =
          RetiredKeyRecords.latest(RetiredKeyRecords.read(kubectl), id.value());
      if (earlier.isPresent()) {
        env.err()
            .println(
                "sealwright: key "
                    + id
                    + " was already retired at "
                    + earlier.get().field("retiredAt")
                    + ", asked by "
                    + earlier.get().field("requestedBy"));
        return 0;
      }
      throw CliException.failed(
          "no key Secret " + name + " in namespace " + cluster.namespace,
          "list the keys and their states: kubectl get secrets -n "
              + cluster.namespace
              + " -l "
              + WireNames.KEY_LABEL
              + "=true -L "
              + WireNames.KEY_STATE_LABEL);
    }
    if (!yes) {
      Confirmation.require(
          env, "retire (destroy) key " + id + " in namespace " + cluster.namespace);
    }
    String requestedAt = Instant.now().toString();
    request(kubectl, name, whoami(kubectl), requestedAt);
    env.err()
        .println(
            "sealwright: asked the operator to retire key "
                + id
                + "; waiting up to "
                + timeoutSeconds
                + " s for its answer");
    return new RetirementAnswer(kubectl, cluster.namespace, id.value(), name, requestedAt)
        .await(env, Duration.ofSeconds(timeoutSeconds), POLL);
  }

  /** The key Secret's name, if it exists (read without its data). */
  static Optional<String> keySecret(Kubectl kubectl, String name) {
    String found = kubectl.get("secret", name, "{.metadata.name}").strip();
    return found.isEmpty() ? Optional.empty() : Optional.of(found);
  }

  private String whoami(Kubectl kubectl) {
    try {
      String who =
          new String(
                  kubectl.run(null, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"),
                  java.nio.charset.StandardCharsets.UTF_8)
              .strip();
      if (!who.isEmpty()) {
        return who;
      }
    } catch (CliException e) {
      // An API server without SelfSubjectReview; the audit log still knows.
    }
    env.err()
        .println(
            "sealwright: warning: 'kubectl auth whoami' did not say who you are; the record will"
                + " say unknown (the API server's audit log has it)");
    return "unknown";
  }

  private static void request(Kubectl kubectl, String name, String who, String requestedAt) {
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(WireNames.RETIRE_REQUESTED_BY_ANNOTATION, who);
    annotations.put(WireNames.RETIRE_REQUESTED_AT_ANNOTATION, requestedAt);
    // An earlier refusal is cleared in the same write, so no old answer is read as this one's.
    annotations.put(WireNames.RETIRE_REFUSED_ANNOTATION, null);
    String patch =
        dev.sealwright.cli.manifest.TreeWriter.json(
            Map.of("metadata", Map.of("annotations", annotations)));
    kubectl.run(null, "patch", "--type=merge", "-p", patch, "--", "secret", name);
  }
}
