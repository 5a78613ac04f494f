package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SealedSecretStatus;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.operator.audit.DecryptionAudit;
import dev.sealwright.operator.keys.ClusterKeys;
import dev.sealwright.operator.keys.KeySnapshot;
import dev.sealwright.operator.metrics.OperatorMetrics;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a SealedSecret into its Secret. Thin: {@link TemplatePolicy} refuses what a tenant may not
 * ask for, {@link ManagedSecret} decides ownership and shape, {@link Unsealer} opens the items
 * (each attempt a line of the {@link DecryptionAudit} trail), {@link SecretWriter} writes, {@link
 * Report} tells the outcome (status, events, metrics). A reconcile over an unchanged object whose
 * Secret nobody touched does no crypto at all.
 */
@ControllerConfiguration(name = SealedSecretReconciler.NAME)
public final class SealedSecretReconciler implements Reconciler<SealedSecret> {
  public static final String NAME = "sealedsecret";
  private static final Duration ORPHAN_RECHECK = Duration.ofSeconds(5);
  private static final long PRUNE_INTERVAL_NANOS =
      java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

  private final KubernetesClient client;
  private final ClusterKeys keys;
  private final Unsealer unsealer;
  private final OperatorMetrics metrics;
  private final Report report;
  private final SecretWriter writer;
  private final Duration conflictRecheck;
  private final DecryptionAudit audit;
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
      Duration conflictRecheck,
      DecryptionAudit audit) {
    this.client = client;
    this.keys = keys;
    this.metrics = metrics;
    this.unsealer = new Unsealer(metrics::decrypted);
    this.report = new Report(new EventRecorder(client, metrics), metrics, clock);
    this.writer = new SecretWriter(client);
    this.conflictRecheck = conflictRecheck;
    this.audit = audit;
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
    if (keys.namespace().equals(ss.getMetadata().getNamespace())) {
      // Key Secrets live there: nothing a tenant writes may land beside them.
      return report.failed(
          ss,
          Conditions.RESERVED_NAMESPACE,
          "SealedSecrets in the operator's namespace "
              + keys.namespace()
              + " are never unsealed; create it in the namespace of the workload that uses it");
    }
    Optional<String> refusal = TemplatePolicy.refusal(ss);
    if (refusal.isPresent()) {
      return report.failed(ss, Conditions.MALFORMED, refusal.get());
    }
    String hash = SpecHash.of(ss);
    // The cache holds only Secrets we label. A miss costs a GET only when a Secret may exist
    // outside it (we wrote one before, or one was in the way); otherwise the create below finds
    // out, which saves a round trip per new object.
    Secret existing =
        context.getSecondaryResource(Secret.class).orElseGet(() -> mayExist(ss) ? fetch(ss) : null);
    ManagedSecret.Ownership ownership =
        existing == null ? null : ManagedSecret.ownership(existing, ss);
    if (ownership == ManagedSecret.Ownership.FOREIGN
        || ownership == ManagedSecret.Ownership.ORPHANED) {
      return conflict(ss, ownership == ManagedSecret.Ownership.ORPHANED);
    }
    ResourceID id = ResourceID.fromResource(ss);
    if (ownership == ManagedSecret.Ownership.OURS
        && ManagedSecret.upToDate(existing, ss, hash, lastSeen.get(id))) {
      return ready(ss, existing, true);
    }
    KeySnapshot snapshot = keys.snapshot();
    Keyring keyring = snapshot.keyring();
    UnsealOutcome outcome = unsealer.unseal(ss, keyring, snapshot.unavailableReasons());
    if (outcome instanceof UnsealOutcome.Failed f) {
      audit.decryption(ss, keyring, f.reason(), f.item());
    } else {
      audit.decryption(ss, keyring, Conditions.UNSEALED, null);
    }
    if (outcome instanceof UnsealOutcome.Failed f) {
      return report.failed(ss, f.reason(), f.message());
    }
    UnsealOutcome.Opened opened = (UnsealOutcome.Opened) outcome;
    int items = opened.values().size();
    Secret desired;
    try {
      desired =
          ownership == ManagedSecret.Ownership.PATCHABLE
              ? ManagedSecret.patched(existing, ss, opened.values())
              : ManagedSecret.desired(ss, opened.values(), hash);
    } finally {
      opened.destroy();
    }
    return switch (writer.write(ss, existing, desired)) {
      case SecretWriter.Result.Unchanged u -> ready(ss, u.secret(), false);
      case SecretWriter.Result.Conflict c -> conflict(ss, c.orphaned());
      case SecretWriter.Result.Refused r ->
          report.failed(
              ss,
              Conditions.WRITE_FAILED,
              "the API server refused the new Secret (HTTP "
                  + r.code()
                  + " in a dry run); the existing Secret was kept. Check spec.template.type and"
                  + " the items that type requires");
      case SecretWriter.Result.Written w -> {
        ResourceID secretId = ResourceID.fromResource(w.secret());
        if (ownership == ManagedSecret.Ownership.PATCHABLE) {
          // A patched Secret is not labelled as ours, so the informer does not hold it.
        } else if (w.created()) {
          secrets.handleRecentResourceCreate(secretId, w.secret());
        } else {
          secrets.handleRecentResourceUpdate(secretId, w.secret(), w.previous());
        }
        report.written(ss, w.eventReason(), items);
        yield ready(ss, w.secret(), false);
      }
    };
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
    if (ManagedSecret.patchRequested(ss)) {
      return true; // the Secret to patch is someone else's: never in the cache
    }
    SealedSecretStatus status = ss.getStatus();
    return status != null
        && (status.getSecretResourceVersion() != null
            || Conditions.SECRET_CONFLICT.equals(ReadyStatus.readyReason(status).orElse(null)));
  }

  private UpdateControl<SealedSecret> conflict(SealedSecret ss, boolean orphaned) {
    String name = ss.getMetadata().getName();
    String message =
        orphaned
            ? "the Secret "
                + name
                + " still belongs to an earlier SealedSecret of this name; waiting for the"
                + " garbage collector to remove it"
            : "a Secret named "
                + name
                + " exists and is not managed by this SealedSecret; delete it, or annotate it "
                + WireNames.ADOPT_ANNOTATION
                + "=true to let the operator take it over";
    return report
        .failed(ss, Conditions.SECRET_CONFLICT, message)
        .rescheduleAfter(orphaned ? ORPHAN_RECHECK : conflictRecheck);
  }

  private Secret fetch(SealedSecret ss) {
    return client
        .secrets()
        .inNamespace(ss.getMetadata().getNamespace())
        .withName(ss.getMetadata().getName())
        .get();
  }

  @Override
  public ErrorStatusUpdateControl<SealedSecret> updateErrorStatus(
      SealedSecret ss, Context<SealedSecret> context, Exception e) {
    return report.errorStatus(ss, e instanceof SecretWriteException ? e.getMessage() : null);
  }
}
