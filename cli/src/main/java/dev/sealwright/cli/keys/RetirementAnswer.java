package dev.sealwright.cli.keys;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.YamlDocuments;
import dev.sealwright.errors.Bounded;
import dev.sealwright.wire.WireNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits, bounded, for the operator's answer to one retirement request: the key Secret gone and the
 * request recorded in {@value WireNames#RETIRED_KEYS_CONFIGMAP} (retired), or the Secret's {@value
 * WireNames#RETIRE_REFUSED_ANNOTATION} naming this request (refused, with the objects that use the
 * key). The request's time tells this answer from an earlier one.
 */
final class RetirementAnswer {
  private final Kubectl kubectl;
  private final String namespace;
  private final String keyId;
  private final String secretName;
  private final String requestedAt;

  RetirementAnswer(
      Kubectl kubectl, String namespace, String keyId, String secretName, String requestedAt) {
    this.kubectl = kubectl;
    this.namespace = namespace;
    this.keyId = keyId;
    this.secretName = secretName;
    this.requestedAt = requestedAt;
  }

  /** Prints the outcome and returns 0 once retired; throws on refusal (exit 3) or timeout. */
  int await(CliEnv env, Duration timeout, Duration poll) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean deleted = false;
    while (true) {
      if (!deleted) {
        KeySecretSeen seen = look();
        deleted = !seen.exists();
        Optional<CliException> answer = seen.refusal().flatMap(this::refused);
        if (answer.isPresent()) {
          throw answer.get();
        }
      }
      if (deleted) {
        Optional<RetiredKeyRecords> record =
            RetiredKeyRecords.read(kubectl).stream()
                .filter(r -> r.keyId().equals(keyId) && requestedAt.equals(r.requestedAt()))
                .findFirst();
        if (record.isPresent()) {
          printRetired(env, record.get());
          return 0;
        }
      }
      if (System.nanoTime() > deadline) {
        throw timedOut(deleted);
      }
      Thread.sleep(poll.toMillis());
    }
  }

  /** Whether the key Secret still exists, and its refusal annotation if it has one. */
  private record KeySecretSeen(boolean exists, Optional<String> refusal) {}

  private KeySecretSeen look() {
    String out =
        kubectl.get(
            "secret",
            secretName,
            "{.metadata.name}{\"\\n\"}{.metadata.annotations."
                + WireNames.RETIRE_REFUSED_ANNOTATION.replace(".", "\\.")
                + "}");
    if (out.isBlank()) {
      return new KeySecretSeen(false, Optional.empty());
    }
    int nl = out.indexOf('\n');
    String refusal = nl < 0 ? "" : out.substring(nl + 1).strip();
    return new KeySecretSeen(true, refusal.isEmpty() ? Optional.empty() : Optional.of(refusal));
  }

  /** The refusal as an error, if it answers this request (an older one is ignored). */
  private Optional<CliException> refused(String json) {
    List<Object> docs = YamlDocuments.load(json, "the operator's answer on " + secretName);
    if (docs.size() != 1 || !(docs.getFirst() instanceof Map<?, ?> answer)) {
      return Optional.empty();
    }
    if (!requestedAt.equals(answer.get("requestedAt"))) {
      return Optional.empty();
    }
    StringBuilder message =
        new StringBuilder("the operator refused to retire key ")
            .append(keyId)
            .append(": ")
            .append(Bounded.message(String.valueOf(answer.get("message"))));
    if (answer.get("listed") instanceof List<?> listed && !listed.isEmpty()) {
      message.append("\nSealedSecrets with items sealed to it:");
      for (Object o : listed) {
        if (o instanceof Map<?, ?> use) {
          message.append("\n  ").append(describe(use));
        }
      }
      int objects = intValue(answer.get("objects"));
      if (objects > listed.size()) {
        message.append("\n  ... and ").append(objects - listed.size()).append(" more");
      }
    }
    return Optional.of(
        CliException.refused(
            message.toString(),
            "re-seal the objects listed to the current key ('sealwright reseal FILE -i"
                + " IDENTITY'; see docs/keys.md), apply them, then run 'sealwright keys retire "
                + keyId
                + "' again"));
  }

  private static String describe(Map<?, ?> use) {
    List<?> items = use.get("items") instanceof List<?> l ? l : List.of();
    int more = intValue(use.get("moreItems"));
    StringBuilder sb =
        new StringBuilder(Bounded.text(use.get("namespace") + "/" + use.get("name"), 320))
            .append("  ")
            .append(items.size() + more == 1 ? "item " : "items ");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(Bounded.text(String.valueOf(items.get(i)), 253));
    }
    if (more > 0) {
      sb.append(", +").append(more).append(" more");
    }
    return sb.toString();
  }

  private static int intValue(Object o) {
    try {
      return o == null ? 0 : Integer.parseInt(o.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void printRetired(CliEnv env, RetiredKeyRecords r) {
    String since = r.fields().get("stateSince");
    env.err()
        .println(
            "sealwright: retired key "
                + keyId
                + " (created "
                + r.field("createdAt")
                + ", "
                + r.field("state")
                + (since == null ? "" : " since " + since)
                + "): the operator "
                + r.field("retiredBy")
                + " deleted its key Secret at "
                + r.field("retiredAt")
                + "; recorded in ConfigMap "
                + namespace
                + "/"
                + WireNames.RETIRED_KEYS_CONFIGMAP);
    env.err()
        .println(
            "sealwright: note: backups made before this (sealwright keys backup, etcd snapshots)"
                + " still hold the key; 'keys restore' refuses it, and destroying them finishes"
                + " the job (docs/keys.md)");
  }

  private CliException timedOut(boolean deleted) {
    if (deleted) {
      return CliException.failed(
          "key Secret "
              + secretName
              + " is gone, but ConfigMap "
              + WireNames.RETIRED_KEYS_CONFIGMAP
              + " has no record of this request",
          "the operator's log says why (it logs the record it could not write); a Secret deleted"
              + " by hand leaves no record");
    }
    return CliException.failed(
        "the operator did not answer the retirement request within the timeout",
        "check that the operator runs in namespace " + namespace + " (its log names the request)",
        "the request stays on the key Secret and is answered when the operator runs; to withdraw"
            + " it: kubectl annotate secret -n "
            + namespace
            + " "
            + secretName
            + " "
            + WireNames.RETIRE_REQUESTED_BY_ANNOTATION
            + "- "
            + WireNames.RETIRE_REQUESTED_AT_ANNOTATION
            + "-");
  }
}
