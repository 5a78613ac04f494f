package dev.sealwright.operator;

import dev.sealwright.operator.audit.DecryptionAudit;
import dev.sealwright.operator.http.HealthServer;
import dev.sealwright.operator.keys.ClusterKeys;
import dev.sealwright.operator.keys.KeyMigration;
import dev.sealwright.operator.keys.KeyRetirement;
import dev.sealwright.operator.keys.KeyRotation;
import dev.sealwright.operator.keys.LeaderKeyTasks;
import dev.sealwright.operator.keys.PublicKeysPublisher;
import dev.sealwright.operator.keys.RetiredKeys;
import dev.sealwright.operator.keys.SealedSecretListing;
import dev.sealwright.operator.metrics.OperatorMetrics;
import dev.sealwright.operator.reconcile.EventRecorder;
import dev.sealwright.operator.reconcile.PatchCleanupReconciler;
import dev.sealwright.operator.reconcile.SealedSecretReconciler;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator, wired: cluster keys, the SealedSecret controller, leader-only key tasks, and the
 * health/metrics endpoint. Runs the same in a Pod, from {@code bin/sealwright-operator}, and inside
 * a test JVM.
 */
public final class SealwrightOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SealwrightOperator.class);

  /** Objects per page when informers list. */
  public static final long LIST_PAGE = 500;

  private final OperatorSettings settings;
  private final String instance;
  private final RetiredKeys retiredKeys;
  private final ClusterKeys keys;
  private final EventRecorder keyEvents;
  private final LeaderKeyTasks keyTasks;
  private final OperatorMetrics metrics;
  private final Operator operator;
  private final HealthServer http;
  private final SealedSecretReconciler reconciler;
  private volatile boolean leading;
  private volatile boolean closed;

  private SealwrightOperator(OperatorSettings settings, KubernetesClient client, Clock clock) {
    this.settings = settings;
    this.instance = instance(settings);
    this.retiredKeys = new RetiredKeys(client, settings.namespace());
    this.keys =
        new ClusterKeys(
            client,
            settings.namespace(),
            retiredKeys,
            settings.keyStorage(),
            settings.keyUnwrapRetry());
    this.metrics = new OperatorMetrics(keys::snapshot, clock);
    this.keyEvents = new EventRecorder(client, metrics);
    this.keyTasks =
        new LeaderKeyTasks(
            keys,
            new KeyRotation(client, keys, settings.rotationPeriod(), clock),
            new PublicKeysPublisher(client, settings.namespace()),
            new KeyMigration(client, keys),
            new KeyRetirement(
                client,
                keys,
                retiredKeys,
                () ->
                    SealedSecretListing.list(
                        client, settings.watchNamespaces(), settings.namespace()),
                keyEvents,
                clock,
                instance),
            settings.keyCheckInterval());
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(settings.workers())
                  .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
                  // A JSON merge patch of the status costs the API server less than server-side
                  // apply, and the status has a single writer.
                  .withUseSSAToPatchPrimaryResource(false);
              if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            settings.leaseName())
                        .withLeaseNamespace(settings.namespace())
                        .withIdentity(settings.identity())
                        .withExitOnStopLeading(
                            false) // see stopLeading: exiting from close() would hang
                        .withLeaderCallbacks(
                            new LeaderCallbacks(
                                this::startLeading, this::stopLeading, this::newLeader))
                        .build());
              }
            });
    this.reconciler =
        new SealedSecretReconciler(
            client,
            keys,
            metrics,
            clock,
            settings.conflictRecheck(),
            new DecryptionAudit(instance, clock));
    operator.register(
        reconciler,
        c -> {
          // Paged lists: one response with every object would need its whole size in memory at
          // once on top of the cache (10,000 objects of 5 items are about 100 MB of JSON).
          c.withInformerListLimit(LIST_PAGE);
          if (!settings.watchNamespaces().isEmpty()) {
            c.settingNamespaces(settings.watchNamespaces());
          }
        });
    // Patch mode only: a finalizer on SealedSecrets labelled sealwright.dev/patch=true, so their
    // items leave the patched Secret with them (docs/operator.md, "Patch mode").
    operator.register(
        new PatchCleanupReconciler(client),
        c -> {
          c.withLabelSelector(WireNames.PATCH_ANNOTATION + "=true")
              .withFinalizer(WireNames.PATCH_CLEANUP_FINALIZER)
              .withInformerListLimit(LIST_PAGE);
          if (!settings.watchNamespaces().isEmpty()) {
            c.settingNamespaces(settings.watchNamespaces());
          }
        });
    try {
      this.http =
          settings.httpPort() < 0
              ? null
              : new HealthServer(settings.httpPort(), () -> true, this::ready, metrics.registry());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + settings.httpPort(), e);
    }
  }

  /**
   * Refuses to start with key protection configured while a key Secret holds a plain identity,
   * unless told to migrate: an operator that silently used (or ignored) a plain key would leave it
   * readable by anyone who reads Secrets there, which protection exists to prevent.
   *
   * @throws Refused naming the plain key Secrets and the fix
   */
  static void checkKeyStorage(OperatorSettings settings, KubernetesClient client) {
    var protector = settings.keyStorage().protector();
    if (protector.isEmpty() || settings.keyStorage().migratesPlainKeys()) {
      return;
    }
    var plain = KeyMigration.plainKeySecrets(client, settings.namespace());
    if (!plain.isEmpty()) {
      throw new Refused(
          "key protection is on ("
              + protector.get().kekName()
              + ") but key Secrets "
              + plain
              + " in namespace "
              + settings.namespace()
              + " hold plain identities",
          "start once with --migrate-plain-keys to protect them (docs/keys.md, \"Migrating\")");
    }
  }

  /** The operator will not start as configured; the message and hint say why and what to do. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    Refused(String message, String hint) {
      super(message, null, false, false);
      this.hint = hint;
    }

    public String hint() {
      return hint;
    }
  }

  /** Starts watching keys and SealedSecrets; returns once informers are synced. */
  public static SealwrightOperator start(OperatorSettings settings, KubernetesClient client) {
    return start(settings, client, Clock.systemUTC());
  }

  public static SealwrightOperator start(
      OperatorSettings settings, KubernetesClient client, Clock clock) {
    checkKeyStorage(settings, client);
    SealwrightOperator op = new SealwrightOperator(settings, client, clock);
    // Retired ids first: a restored Secret of a destroyed key must not open values even once.
    op.retiredKeys.start();
    op.keys.start();
    if (!settings.leaderElection()) {
      op.startLeading();
    }
    op.operator.start();
    return op;
  }

  private void startLeading() {
    LOG.info("leading: key rotation and public keys run here");
    leading = true;
    metrics.leader(true);
    keyTasks.start();
  }

  private void stopLeading() {
    LOG.info("no longer leading");
    leading = false;
    metrics.leader(false);
    keyTasks.close();
    if (!closed && settings.exitOnLostLease()) {
      // Another replica may be writing now; the only safe state is a fresh start. Exit from a
      // separate thread so a JVM shutdown already under way is never waited on from here.
      LOG.error("lost the Lease; exiting so that the replica restarts as a standby");
      Thread.ofPlatform().start(() -> System.exit(1));
    }
  }

  private void newLeader(String identity) {
    LOG.info("leader is {}", identity);
  }

  /**
   * The name this instance gives itself in audit lines and retirement records: its Lease identity
   * (the Pod's name in a cluster), else host and process.
   */
  static String instance(OperatorSettings settings) {
    if (settings.identity() != null && !settings.identity().isBlank()) {
      return settings.identity();
    }
    String host = System.getenv("HOSTNAME");
    return (host == null || host.isBlank() ? "localhost" : host)
        + "/"
        + ProcessHandle.current().pid();
  }

  /** Ready when the key Secrets have been read and every informer is healthy. */
  public boolean ready() {
    return keys.synced() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  public boolean leading() {
    return leading;
  }

  public ClusterKeys keys() {
    return keys;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  /** Adds a new current key at once (leader only), as a scheduled rotation would. */
  public String rotateKeysNow() {
    if (!leading) {
      throw new IllegalStateException("only the leader rotates keys");
    }
    return keyTasks.rotateNow();
  }

  /** The port of /healthz, /readyz and /metrics, or -1 if disabled. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public OperatorSettings settings() {
    return settings;
  }

  /** This instance's name in audit lines and retirement records. */
  public String instance() {
    return instance;
  }

  /** Stops reconciling, lets running reconciles finish (bounded), releases the Lease. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    operator.stop();
    reconciler.close();
    keyTasks.close();
    keyEvents.close();
    keys.close();
    retiredKeys.close();
    settings.keyStorage().protector().ifPresent(p -> p.close());
    if (http != null) {
      http.close();
    }
    leading = false;
  }
}
