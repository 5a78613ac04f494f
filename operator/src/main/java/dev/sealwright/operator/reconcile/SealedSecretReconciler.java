package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SealedSecretStatus;
import dev.sealwright.operator.keys.ClusterKeys;
import dev.sealwright.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a SealedSecret into its Secret. Thin: {@link ManagedSecret} decides ownership and shape,
 * {@link Unsealer} opens the items, {@link ReadyStatus} builds the status. A reconcile over an
 * unchanged object whose Secret nobody touched does no crypto at all.
 */
@ControllerConfiguration(name = SealedSecretReconciler.NAME)
public final class SealedSecretReconciler implements Reconciler<SealedSecret> {
  public static final String NAME = "sealedsecret";
  private static final Logger LOG = LoggerFactory.getLogger(SealedSecretReconciler.class);

  private final KubernetesClient client;
  private final ClusterKeys keys;
  private final Unsealer unsealer;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final Duration conflictRecheck;
  private InformerEventSource<Secret, SealedSecret> secrets;

  public SealedSecretReconciler(
      KubernetesClient client,
      ClusterKeys keys,
      OperatorMetrics metrics,
      Clock clock,
      Duration conflictRecheck) {
    this.client = client;
    this.keys = keys;
    this.metrics = metrics;
    this.unsealer = new Unsealer(metrics::decrypted);
    this.events = new EventRecorder(client);
    this.clock = clock;
    this.conflictRecheck = conflictRecheck;
  }

  /** Flushes queued events. */
  public void close() {
    events.close();
  }

  @Override
  public List<EventSource<?, SealedSecret>> prepareEventSources(
      EventSourceContext<SealedSecret> context) {
    // Only Secrets we label are cached: a cluster's other Secrets never enter this process.
    secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, SealedSecret.class)
                .withLabelSelector(
                    ManagedSecret.MANAGED_BY_LABEL + "=" + ManagedSecret.MANAGED_BY_VALUE)
                .withNamespacesInheritedFromController()
                .withInformerListLimit(dev.sealwright.operator.SealwrightOperator.LIST_PAGE)
                .build(),
            context);
    // When keys change, objects that failed for want of a key get another chance at once.
    SimpleInboundEventSource<SealedSecret> keyChanges =
        new SimpleInboundEventSource<>("cluster-keys");
    var primaries = context.getPrimaryCache();
    keys.onChange(
        snapshot -> {
          try {
            primaries
                .list(
                    ss ->
                        !Conditions.UNSEALED.equals(
                            ReadyStatus.readyReason(ss.getStatus()).orElse("")))
                .forEach(ss -> keyChanges.propagateEvent(ResourceID.fromResource(ss)));
          } catch (RuntimeException notStarted) {
            // Before the controller's cache starts there is nothing to retry: the first list
            // reconciles every object anyway.
          }
        });
    metrics.objects(
        () -> {
          try {
            return primaries.list();
          } catch (RuntimeException notStarted) {
            return java.util.stream.Stream.empty();
          }
        });
    return List.of(secrets, keyChanges);
  }

  @Override
  public UpdateControl<SealedSecret> reconcile(SealedSecret ss, Context<SealedSecret> context) {
    long start = System.nanoTime();
    try {
      return reconcileTimed(ss, context);
    } finally {
      metrics.reconcileSeconds((System.nanoTime() - start) / 1e9);
    }
  }

  private UpdateControl<SealedSecret> reconcileTimed(
      SealedSecret ss, Context<SealedSecret> context) {
    String hash = SpecHash.of(ss);
    // The cache holds only Secrets we label. A miss costs a GET only when a Secret may exist
    // outside it (we wrote one before, or one was in the way); otherwise the create below finds
    // out, which saves a round trip per new object.
    Secret existing =
        context.getSecondaryResource(Secret.class).orElseGet(() -> mayExist(ss) ? fetch(ss) : null);
    ManagedSecret.Ownership ownership =
        existing == null ? null : ManagedSecret.ownership(existing, ss);
    if (ownership == ManagedSecret.Ownership.FOREIGN) {
      return conflict(ss);
    }
    if (ownership == ManagedSecret.Ownership.OURS && ManagedSecret.upToDate(existing, ss, hash)) {
      return ready(ss, existing, true);
    }
    UnsealOutcome outcome = unsealer.unseal(ss, keys.snapshot().keyring());
    if (outcome instanceof UnsealOutcome.Failed f) {
      return fail(ss, f.reason(), f.message());
    }
    UnsealOutcome.Opened opened = (UnsealOutcome.Opened) outcome;
    Secret desired;
    try {
      desired = ManagedSecret.desired(ss, opened.values(), hash);
    } finally {
      opened.destroy();
    }
    if (existing == null) {
      try {
        Secret created = write(ss, null, desired);
        record(ss, EventReasons.UNSEALED, desired);
        return ready(ss, created, false);
      } catch (AlreadyExists e) {
        existing = fetch(ss);
        if (existing == null) {
          throw new SecretWriteException(
              "Secret " + ss.getMetadata().getName() + " vanished; retrying");
        }
        ownership = ManagedSecret.ownership(existing, ss);
        if (ownership == ManagedSecret.Ownership.FOREIGN) {
          return conflict(ss);
        }
      }
    }
    if (ManagedSecret.matches(existing, desired)) {
      return ready(ss, existing, false);
    }
    Secret written = write(ss, existing, desired);
    String eventReason =
        ownership == ManagedSecret.Ownership.ADOPTABLE
            ? EventReasons.ADOPTED
            : hash.equals(annotation(existing, ManagedSecret.SPEC_HASH_ANNOTATION))
                ? EventReasons.REVERTED
                : EventReasons.UNSEALED;
    record(ss, eventReason, desired);
    return ready(ss, written, false);
  }

  private static boolean mayExist(SealedSecret ss) {
    SealedSecretStatus status = ss.getStatus();
    return status != null
        && (status.getSecretResourceVersion() != null
            || Conditions.SECRET_CONFLICT.equals(ReadyStatus.readyReason(status).orElse(null)));
  }

  private UpdateControl<SealedSecret> conflict(SealedSecret ss) {
    return fail(
            ss,
            Conditions.SECRET_CONFLICT,
            "a Secret named "
                + ss.getMetadata().getName()
                + " exists and is not managed by this SealedSecret; delete it, or annotate it "
                + ManagedSecret.ADOPT_ANNOTATION
                + "=true to let the operator take it over")
        .rescheduleAfter(conflictRecheck);
  }

  private void record(SealedSecret ss, String eventReason, Secret desired) {
    events.normal(ss, eventReason, eventMessage(eventReason, ss));
    LOG.info(
        "{} Secret {}/{} ({} items)",
        eventReason,
        ss.getMetadata().getNamespace(),
        ss.getMetadata().getName(),
        desired.getData().size());
  }

  private Secret fetch(SealedSecret ss) {
    return client
        .secrets()
        .inNamespace(ss.getMetadata().getNamespace())
        .withName(ss.getMetadata().getName())
        .get();
  }

  private Secret write(SealedSecret ss, Secret existing, Secret desired) {
    try {
      Secret written = ManagedSecret.write(client, existing, desired);
      ResourceID id = ResourceID.fromResource(written);
      if (existing == null) {
        secrets.handleRecentResourceCreate(id, written);
      } else {
        secrets.handleRecentResourceUpdate(id, written, existing);
      }
      return written;
    } catch (KubernetesClientException e) {
      if (existing == null && e.getCode() == 409) {
        throw new AlreadyExists();
      }
      // Retried by the framework. The server's message is not repeated: only the status code.
      throw new SecretWriteException(
          "could not write Secret "
              + ss.getMetadata().getNamespace()
              + "/"
              + ss.getMetadata().getName()
              + ": HTTP "
              + e.getCode());
    }
  }

  /**
   * @param skipped whether nothing was decrypted (the Secret was known to be up to date)
   */
  private UpdateControl<SealedSecret> ready(SealedSecret ss, Secret secret, boolean skipped) {
    metrics.result(Conditions.UNSEALED, skipped);
    return patchIfChanged(
        ss,
        ReadyStatus.next(
            ss.getStatus(),
            ss.getMetadata().getGeneration(),
            true,
            Conditions.UNSEALED,
            "the Secret matches this SealedSecret",
            secret.getMetadata().getResourceVersion(),
            clock.instant()));
  }

  private UpdateControl<SealedSecret> fail(SealedSecret ss, String reason, String message) {
    metrics.result(reason, false);
    SealedSecretStatus previous = ss.getStatus();
    String previousMessage =
        previous == null
            ? null
            : previous.condition(Conditions.READY).map(c -> c.getMessage()).orElse(null);
    boolean news =
        !reason.equals(ReadyStatus.readyReason(previous).orElse(null))
            || !Objects.equals(message, previousMessage);
    if (news) {
      events.warning(ss, reason, message);
      LOG.warn(
          "{}/{}: {}: {}",
          ss.getMetadata().getNamespace(),
          ss.getMetadata().getName(),
          reason,
          message);
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

  private static UpdateControl<SealedSecret> patchIfChanged(
      SealedSecret ss, SealedSecretStatus next) {
    if (next.equals(ss.getStatus())) {
      return UpdateControl.noUpdate();
    }
    ss.setStatus(next);
    return UpdateControl.patchStatus(ss);
  }

  @Override
  public ErrorStatusUpdateControl<SealedSecret> updateErrorStatus(
      SealedSecret ss, Context<SealedSecret> context, Exception e) {
    String message =
        e instanceof SecretWriteException
            ? e.getMessage()
            : "internal error: " + e.getClass().getSimpleName();
    ss.setStatus(
        ReadyStatus.next(
            ss.getStatus(),
            ss.getMetadata().getGeneration(),
            false,
            Conditions.WRITE_FAILED,
            message,
            ss.getStatus() == null ? null : ss.getStatus().getSecretResourceVersion(),
            clock.instant()));
    return ErrorStatusUpdateControl.patchStatus(ss);
  }

  private static String annotation(Secret secret, String key) {
    var annotations = secret.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static String eventMessage(String reason, SealedSecret ss) {
    String name = ss.getMetadata().getName();
    return switch (reason) {
      case EventReasons.REVERTED -> "Secret " + name + " had been changed by hand and was put back";
      case EventReasons.ADOPTED ->
          "took over the existing Secret " + name + " (annotated to allow it)";
      default ->
          "wrote Secret " + name + " with " + ss.getSpec().getEncryptedData().size() + " items";
    };
  }

  /** A create found a Secret of the same name that was not in the cache. */
  private static final class AlreadyExists extends RuntimeException {
    AlreadyExists() {
      super("the Secret already exists", null, false, false);
    }
  }

  /** A Secret write failed; carries the status code only. */
  static final class SecretWriteException extends RuntimeException {
    SecretWriteException(String message) {
      super(message);
    }
  }
}
