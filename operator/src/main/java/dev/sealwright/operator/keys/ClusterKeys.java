package dev.sealwright.operator.keys;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster keys, kept current by watching the key Secrets in the operator's namespace: a key
 * added, disabled or removed there takes effect without a restart. Every replica runs this (it only
 * reads), so a standby is ready to unseal the moment it becomes leader.
 *
 * <p>With key protection, each key Secret is unwrapped once per version of it (not on every event),
 * and a key the KEK did not unwrap is held as {@link UnavailableKey} and tried again: after the
 * retry interval if the KEK holder could not be reached, after ten times that if it refused.
 */
public final class ClusterKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterKeys.class);

  private final KubernetesClient client;
  private final String namespace;
  private final KeyStorage storage;
  private final Duration unwrapRetry;
  private final List<Consumer<KeySnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Loaded> loaded = new HashMap<>();
  private volatile KeySnapshot snapshot = KeySnapshot.EMPTY;
  private SharedIndexInformer<Secret> informer;
  private ScheduledExecutorService retries;
  private ScheduledFuture<?> retry;

  public ClusterKeys(KubernetesClient client, String namespace) {
    this(client, namespace, KeyStorage.PLAIN, Duration.ofSeconds(10));
  }

  /**
   * @param storage how identities are stored in key Secrets
   * @param unwrapRetry how soon an identity the KEK holder could not unwrap is tried again
   */
  public ClusterKeys(
      KubernetesClient client, String namespace, KeyStorage storage, Duration unwrapRetry) {
    this.client = client;
    this.namespace = namespace;
    this.storage = storage;
    this.unwrapRetry = unwrapRetry;
  }

  /** One key Secret as read at one resourceVersion; exactly one of key and unavailable is set. */
  private record Loaded(
      String resourceVersion, ClusterKey key, UnavailableKey unavailable, long retryAtNanos) {}

  /** Starts watching and waits until the first list is in. */
  public synchronized void start() {
    retries =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("sealwright-key-unwrap").unstarted(r));
    // No resync: it would only replay the cache into refresh(), re-parsing every key for a
    // snapshot that cannot differ.
    informer =
        client
            .secrets()
            .inNamespace(namespace)
            .withLabel(WireNames.KEY_LABEL, "true")
            .inform(new Handler());
    refresh();
  }

  public String namespace() {
    return namespace;
  }

  /** How identities are stored in this cluster's key Secrets. */
  public KeyStorage storage() {
    return storage;
  }

  /** The keys as last seen. */
  public KeySnapshot snapshot() {
    return snapshot;
  }

  /** Whether the first list of key Secrets has been read. */
  public boolean synced() {
    SharedIndexInformer<Secret> i = informer;
    return i != null && i.hasSynced();
  }

  /** Called with the new snapshot each time the set of keys or their states change. */
  public void onChange(Consumer<KeySnapshot> listener) {
    listeners.add(listener);
  }

  private synchronized void refresh() {
    if (informer == null) {
      return;
    }
    List<ClusterKey> keys = new ArrayList<>();
    List<UnavailableKey> unavailable = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long now = System.nanoTime();
    long nextRetry = Long.MAX_VALUE;
    for (Secret secret : informer.getStore().list()) {
      String name = secret.getMetadata().getName();
      seen.add(name);
      Loaded l = loaded.get(name);
      String version = secret.getMetadata().getResourceVersion();
      boolean current = l != null && Objects.equals(l.resourceVersion(), version);
      if (!current || (l.unavailable() != null && now - l.retryAtNanos() >= 0)) {
        l = load(secret, version, now);
        loaded.put(name, l);
      }
      if (l.key() != null) {
        keys.add(l.key());
      } else if (l.unavailable() != null) {
        unavailable.add(l.unavailable());
        nextRetry = Math.min(nextRetry, l.retryAtNanos() - now);
      }
    }
    loaded.keySet().retainAll(seen);
    if (nextRetry != Long.MAX_VALUE) {
      scheduleRetry(Math.max(nextRetry, 0));
    }
    KeySnapshot next = new KeySnapshot(keys, unavailable);
    KeySnapshot previous = snapshot;
    snapshot = next;
    if (!sameKeys(previous, next)) {
      LOG.info(
          "cluster keys: {} active, current {}, {} unavailable",
          next.active().size(),
          next.current().map(k -> k.keyId().value()).orElse("none"),
          next.unavailable().size());
      for (Consumer<KeySnapshot> listener : listeners) {
        listener.accept(next);
      }
    }
  }

  private Loaded load(Secret secret, String version, long now) {
    String name = secret.getMetadata().getName();
    try {
      return new Loaded(version, KeySecrets.fromSecret(secret, storage), null, 0);
    } catch (MalformedException e) {
      LOG.warn("ignoring key Secret: {}", e.getMessage());
      return new Loaded(version, null, null, 0);
    } catch (KeyProtectionException e) {
      LOG.warn("cluster key Secret {} is unavailable: {}", name, e.getMessage());
      var annotations = secret.getMetadata().getAnnotations();
      String claimed = annotations == null ? null : annotations.get(WireNames.KEY_ID_ANNOTATION);
      Duration wait = e.retryable() ? unwrapRetry : unwrapRetry.multipliedBy(10);
      return new Loaded(
          version,
          null,
          new UnavailableKey(
              name, claimed == null ? "unknown" : claimed, e.getMessage(), e.retryable()),
          now + wait.toNanos());
    }
  }

  private void scheduleRetry(long delayNanos) {
    if (retries == null || (retry != null && !retry.isDone())) {
      return;
    }
    retry = retries.schedule(this::refresh, delayNanos, TimeUnit.NANOSECONDS);
  }

  private static boolean sameKeys(KeySnapshot a, KeySnapshot b) {
    return Objects.equals(
            a.keys().stream().map(ClusterKey::toString).toList(),
            b.keys().stream().map(ClusterKey::toString).toList())
        && a.unavailable().equals(b.unavailable());
  }

  @Override
  public synchronized void close() {
    if (retries != null) {
      retries.shutdownNow();
    }
    if (informer != null) {
      informer.close();
    }
  }

  private final class Handler implements ResourceEventHandler<Secret> {
    @Override
    public void onAdd(Secret obj) {
      refresh();
    }

    @Override
    public void onUpdate(Secret oldObj, Secret newObj) {
      refresh();
    }

    @Override
    public void onDelete(Secret obj, boolean deletedFinalStateUnknown) {
      refresh();
    }
  }
}
