package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SealedSecretStatus;
import dev.sealwright.errors.Bounded;
import dev.sealwright.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a reconcile's outcome is told: the status (built by {@link ReadyStatus}, patched only when it
 * changed), an Event, a log line and the metrics. Failures are reported once: an Event and a log
 * line only when the reason or message is new. Nothing here ever sees a value.
 */
final class Report {
  private static final Logger LOG = LoggerFactory.getLogger(SealedSecretReconciler.class);
  private static final String MATCHES = "the Secret matches this SealedSecret";

  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;

  Report(EventRecorder events, OperatorMetrics metrics, Clock clock) {
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The Secret matches the spec.
   *
   * @param skipped whether nothing was decrypted (the Secret was known to be up to date)
   */
  UpdateControl<SealedSecret> ready(SealedSecret ss, Secret secret, boolean skipped) {
    metrics.result(Conditions.UNSEALED, skipped);
    return patchIfChanged(
        ss,
        ReadyStatus.next(
            ss.getStatus(),
            ss.getMetadata().getGeneration(),
            true,
            Conditions.UNSEALED,
            MATCHES,
            secret.getMetadata().getResourceVersion(),
            clock.instant()));
  }

  /** Nothing was written, for {@code reason} (a constant of {@link Conditions}). */
  UpdateControl<SealedSecret> failed(SealedSecret ss, String reason, String tenantMessage) {
    // Built from tenant input (item names, key ids): bounded once, here, for status, Event and log.
    String message = Bounded.message(tenantMessage);
    metrics.result(reason, false);
    SealedSecretStatus previous = ss.getStatus();
    String previousMessage =
        previous == null
            ? null
            : previous.condition(Conditions.READY).map(Condition::getMessage).orElse(null);
    boolean news =
        !reason.equals(ReadyStatus.readyReason(previous).orElse(null))
            || !Objects.equals(message, previousMessage);
    if (news) {
      events.warning(ss, reason, message);
      LOG.warn("{}/{}: {}: {}", namespace(ss), name(ss), reason, message);
    }
    return patchIfChanged(
        ss,
        ReadyStatus.next(
            previous,
            ss.getMetadata().getGeneration(),
            false,
            reason,
            message,
            previous == null ? null : previous.getSecretResourceVersion(),
            clock.instant()));
  }

  /** The Secret was written; {@code eventReason} is one of {@link EventReasons}. */
  void written(SealedSecret ss, String eventReason, int items) {
    String name = name(ss);
    String message =
        switch (eventReason) {
          case EventReasons.REVERTED ->
              "Secret " + name + " had been changed by hand and was put back";
          case EventReasons.ADOPTED ->
              "took over the existing Secret " + name + " (annotated to allow it)";
          default -> "wrote Secret " + name + " with " + items + " items";
        };
    events.normal(ss, eventReason, message);
    LOG.info("{} Secret {}/{} ({} items)", eventReason, namespace(ss), name, items);
  }

  /**
   * The framework gave up retrying.
   *
   * @param writeFailure the sanitized message of a failed Secret write, or null for anything else
   */
  ErrorStatusUpdateControl<SealedSecret> errorStatus(SealedSecret ss, String writeFailure) {
    ss.setStatus(
        ReadyStatus.next(
            ss.getStatus(),
            ss.getMetadata().getGeneration(),
            false,
            Conditions.WRITE_FAILED,
            writeFailure == null
                ? "internal error; see the operator's log"
                : Bounded.message(writeFailure),
            ss.getStatus() == null ? null : ss.getStatus().getSecretResourceVersion(),
            clock.instant()));
    return ErrorStatusUpdateControl.patchStatus(ss);
  }

  void close() {
    events.close();
  }

  private static UpdateControl<SealedSecret> patchIfChanged(
      SealedSecret ss, SealedSecretStatus next) {
    if (next.equals(ss.getStatus())) {
      return UpdateControl.noUpdate();
    }
    ss.setStatus(next);
    return UpdateControl.patchStatus(ss);
  }

  private static String name(SealedSecret ss) {
    return ss.getMetadata().getName();
  }

  private static String namespace(SealedSecret ss) {
    return ss.getMetadata().getNamespace();
  }
}
