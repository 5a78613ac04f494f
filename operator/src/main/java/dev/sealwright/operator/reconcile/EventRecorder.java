package dev.sealwright.operator.reconcile;

import dev.sealwright.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events on a SealedSecret (or, for the key tasks, on a key Secret). Messages come
 * from conditions and never hold values. A failed event write does not fail the reconcile (events
 * are advice), but it is not silent either: it is logged with the HTTP status and counted in {@code
 * sealwright_event_write_failures_total}, so a Role without the {@code events} verbs shows on a
 * dashboard, not only in a log.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "sealwright-operator";

  private final KubernetesClient client;
  private final OperatorMetrics metrics;

  // Events are posted off the reconcile thread so that a reconcile waits only for the writes that
  // matter; a bounded queue drops events (with a log line) rather than memory under a flood.
  private final ThreadPoolExecutor poster;

  public EventRecorder(KubernetesClient client, OperatorMetrics metrics) {
    this.client = client;
    this.metrics = metrics;
    this.poster =
        new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000),
            r -> Thread.ofPlatform().daemon().name("sealwright-events").unstarted(r),
            (task, pool) -> {
              LOG.warn(
                  pool.isShutdown()
                      ? "stopping; dropping an event"
                      : "event queue full; dropping an event");
              metrics.eventWriteFailed();
            });
  }

  /** Posts what is queued (bounded wait) and stops. */
  public void close() {
    poster.shutdown();
    try {
      poster.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void normal(HasMetadata ss, String reason, String message) {
    record(ss, "Normal", reason, message);
  }

  public void warning(HasMetadata ss, String reason, String message) {
    record(ss, "Warning", reason, message);
  }

  private void record(HasMetadata ss, String type, String reason, String message) {
    String now = Instant.now().toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                ss.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
            .withNamespace(ss.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(ss.getApiVersion())
            .withKind(ss.getKind())
            .withName(ss.getMetadata().getName())
            .withNamespace(ss.getMetadata().getNamespace())
            .withUid(ss.getMetadata().getUid())
            .withResourceVersion(ss.getMetadata().getResourceVersion())
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client.v1().events().inNamespace(ss.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      metrics.eventWriteFailed();
      LOG.warn(
          "could not record event {} on {}: HTTP {}",
          reason,
          ss.getMetadata().getName(),
          e.getCode());
    }
  }
}
