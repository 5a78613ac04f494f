package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecretStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the status from what a reconcile found. Pure: same inputs, same status, so the reconciler
 * can compare it with the current one and patch only on change.
 */
public final class ReadyStatus {
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
          .filter(c -> !Conditions.READY.equals(c.getType()))
          .forEach(conditions::add);
    }
    conditions.add(condition);
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
