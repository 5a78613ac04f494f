package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecretStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the status from what a reconcile found. Pure: same inputs, same status, so the reconciler
 * can compare it with the current one and patch only on change.
 */
public final class ReadyStatus {
  /** The conditions this class writes; any other condition in the status is kept as it is. */
  private static final Set<String> OWN =
      Set.of(Conditions.READY, Conditions.RECONCILING, Conditions.STALLED);

  /**
   * Reasons of a Ready=False that the operator retries by itself, reported as Reconciling; every
   * other reason needs someone to act and is reported as Stalled. Both follow kstatus'
   * abnormal-true convention, so Flux's health checks, {@code kubectl wait} and Argo CD's health
   * script tell "still working" from "failed" without knowing Sealwright's reasons.
   */
  private static final Set<String> RETRIED =
      Set.of(Conditions.KEY_UNAVAILABLE, Conditions.WRITE_FAILED);

  private ReadyStatus() {}

  /**
   * @param previous the current status, or null
   * @param generation the object's metadata.generation
   * @param ready whether the Secret matches the spec
   * @param reason a reason from {@link Conditions}
   * @param message a human-readable explanation, never a value
   * @param secretResourceVersion the Secret's resourceVersion when ready, else the previous one
   * @param now used only when the condition's status changes
   */
  public static SealedSecretStatus next(
      SealedSecretStatus previous,
      Long generation,
      boolean ready,
      String reason,
      String message,
      String secretResourceVersion,
      Instant now) {
    String status = ready ? "True" : "False";
    Optional<Condition> old =
        previous == null ? Optional.empty() : previous.condition(Conditions.READY);
    String transition =
        old.filter(c -> status.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.toString());
    Condition condition =
        new ConditionBuilder()
            .withType(Conditions.READY)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    List<Condition> conditions = new ArrayList<>();
    if (previous != null && previous.getConditions() != null) {
      previous.getConditions().stream()
          .filter(c -> !OWN.contains(c.getType()))
          .forEach(conditions::add);
    }
    conditions.add(condition);
    if (!ready) {
      String abnormal = RETRIED.contains(reason) ? Conditions.RECONCILING : Conditions.STALLED;
      String since =
          previous == null
              ? now.toString()
              : previous
                  .condition(abnormal)
                  .map(Condition::getLastTransitionTime)
                  .orElse(now.toString());
      conditions.add(
          new ConditionBuilder(condition)
              .withType(abnormal)
              .withStatus("True")
              .withLastTransitionTime(since)
              .build());
    }
    SealedSecretStatus next = new SealedSecretStatus();
    next.setObservedGeneration(generation);
    next.setConditions(conditions);
    next.setSecretResourceVersion(secretResourceVersion);
    return next;
  }

  /** The reason of the Ready condition, if any. */
  public static Optional<String> readyReason(SealedSecretStatus status) {
    return status == null
        ? Optional.empty()
        : status.condition(Conditions.READY).map(Condition::getReason);
  }
}
