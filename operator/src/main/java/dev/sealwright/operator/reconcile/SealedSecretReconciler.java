package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SealedSecretStatus;
import dev.sealwright.operator.keys.ClusterKeys;
import dev.sealwright.operator.metrics.OperatorMetrics;
import dev.sealwright.wire.WireNames;
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
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a SealedSecret into its Secret. Thin: {@link ManagedSecret} decides ownership and shape,
 * {@link Unsealer} opens the items, {@link Report} tells the outcome (status, events, metrics). A
 * reconcile over an unchanged object whose Secret nobody touched does no crypto at all.
 */
@ControllerConfiguration(name = SealedSecretReconciler.NAME)
public final class SealedSecretReconciler implements Reconciler<SealedSecret> {
  public static final String NAME = "sealedsecret";
  private static final long PRUNE_INTERVAL_NANOS =
      java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

  private final KubernetesClient client;
  private final ClusterKeys keys;
  private final Unsealer unsealer;
  private final OperatorMetrics metrics;
  private final Report report;
  private final Duration conflictRecheck;
  private InformerEventSource<Secret, SealedSecret> secrets;
  private IndexerResourceCache<SealedSecret> primaries;

  // The Secret resourceVersion this process last wrote or verified, per SealedSecret: lets the
  // reconcile that our own write triggers skip decryption even before the cached status shows it.
  private final Map<ResourceID, String> lastSeen = new ConcurrentHashMap<>();
  private final AtomicLong lastPrune = new AtomicLong(System.nanoTime());

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
    this.report = new Report(new EventRecorder(client), metrics, clock);
    this.conflictRecheck = conflictRecheck;
  }

  /** Flushes queued events. */
  public void close() {
    report.close();
  }

  @Override
  public List<EventSource<?, SealedSecret>> prepareEventSources(
      EventSourceContext<SealedSecret> context) {
    // Only Secrets we label are cached: a cluster's other Secrets never enter this process.
    secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, SealedSecret.class)
                .withLabelSelector(WireNames.MANAGED_BY_LABEL + "=" + WireNames.MANAGED_BY_VALUE)
                .withNamespacesInheritedFromController()
                .withInformerListLimit(dev.sealwright.operator.SealwrightOperator.LIST_PAGE)
                .build(),
            context);
    // When keys change, objects that failed for want of a key get another chance at once.
    SimpleInboundEventSource<SealedSecret> keyChanges =
        new SimpleInboundEventSource<>("cluster-keys");
    primaries = context.getPrimaryCache();
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
    ResourceID id = ResourceID.fromResource(ss);
    if (ownership == ManagedSecret.Ownership.OURS
        && ManagedSecret.upToDate(existing, ss, hash, lastSeen.get(id))) {
      return ready(ss, existing, true);
    }
    UnsealOutcome outcome = unsealer.unseal(ss, keys.snapshot().keyring());
    if (outcome instanceof UnsealOutcome.Failed f) {
      return report.failed(ss, f.reason(), f.message());
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
        report.written(ss, EventReasons.UNSEALED, desired.getData().size());
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
            : hash.equals(annotation(existing, WireNames.SPEC_HASH_ANNOTATION))
                ? EventReasons.REVERTED
                : EventReasons.UNSEALED;
    report.written(ss, eventReason, desired.getData().size());
    return ready(ss, written, false);
  }

  private UpdateControl<SealedSecret> ready(SealedSecret ss, Secret secret, boolean skipped) {
    lastSeen.put(ResourceID.fromResource(ss), secret.getMetadata().getResourceVersion());
    pruneNowAndThen();
    return report.ready(ss, secret, skipped);
  }

  // Drops entries of deleted SealedSecrets (there is no delete callback without a finalizer).
  private void pruneNowAndThen() {
    long last = lastPrune.get();
    if (System.nanoTime() - last > PRUNE_INTERVAL_NANOS
        && lastPrune.compareAndSet(last, System.nanoTime())) {
      lastSeen.keySet().removeIf(id -> primaries.get(id).isEmpty());
    }
  }

  private static boolean mayExist(SealedSecret ss) {
    SealedSecretStatus status = ss.getStatus();
    return status != null
        && (status.getSecretResourceVersion() != null
            || Conditions.SECRET_CONFLICT.equals(ReadyStatus.readyReason(status).orElse(null)));
  }

  private UpdateControl<SealedSecret> conflict(SealedSecret ss) {
    return report
        .failed(
            ss,
            Conditions.SECRET_CONFLICT,
            "a Secret named "
                + ss.getMetadata().getName()
                + " exists and is not managed by this SealedSecret; delete it, or annotate it "
                + WireNames.ADOPT_ANNOTATION
                + "=true to let the operator take it over")
        .rescheduleAfter(conflictRecheck);
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

  @Override
  public ErrorStatusUpdateControl<SealedSecret> updateErrorStatus(
      SealedSecret ss, Context<SealedSecret> context, Exception e) {
    return report.errorStatus(ss, e instanceof SecretWriteException ? e.getMessage() : null);
  }

  private static String annotation(Secret secret, String key) {
    var annotations = secret.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
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
