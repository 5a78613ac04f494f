package dev.sealwright.operator.keys;

import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
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
import java.util.Optional;
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
 * reads), so a standby is ready to unseal the moment it becomes leader. A key Secret whose key id
 * was retired is refused ({@link RetiredKeys#refusal}), before any KEK is asked to unwrap it.
 *
 * <p>With key protection, each key Secret is unwrapped once per version of it (not on every event),
 * and a key the KEK did not unwrap is held as {@link UnavailableKey} and tried again: after the
 * retry interval if the KEK holder could not be reached, after ten times that if it refused.
 */
public final class ClusterKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterKeys.class);

  private final KubernetesClient client;
  private final String namespace;
  private final RetiredKeys retired;
  private final KeyStorage storage;
  private final Duration unwrapRetry;
  private final List<Consumer<KeySnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> secretListeners = new CopyOnWriteArrayList<>();
  private final Map<String, Loaded> loaded = new HashMap<>();
  private volatile KeySnapshot snapshot = KeySnapshot.EMPTY;
  private SharedIndexInformer<Secret> informer;
  private ScheduledExecutorService retries;
  private ScheduledFuture<?> retry;

  /**
   * @param retired started before this, so no retired key is read even once
   */
  public ClusterKeys(KubernetesClient client, String namespace, RetiredKeys retired) {
    this(client, namespace, retired, KeyStorage.PLAIN, Duration.ofSeconds(10));
  }

  /**
   * @param retired started before this, so no retired key is read even once
   * @param storage how identities are stored in key Secrets
   * @param unwrapRetry how soon an identity the KEK holder could not unwrap is tried again
   */
  public ClusterKeys(
      KubernetesClient client,
      String namespace,
      RetiredKeys retired,
      KeyStorage storage,
      Duration unwrapRetry) {
    this.client = client;
    this.namespace = namespace;
    this.retired = retired;
    this.storage = storage;
    this.unwrapRetry = unwrapRetry;
    retired.onChange(this::refresh);
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

  /** Called after every change of a key Secret, also of its annotations alone. */
  public void onSecretEvent(Runnable listener) {
    secretListeners.add(listener);
  }

  /**
   * The metadata of every key Secret as last seen, never their data: the objects of the cache, not
   * to be changed.
   */
  public List<ObjectMeta> secretMetadata() {
    SharedIndexInformer<Secret> i = informer;
    return i == null ? List.of() : i.getStore().list().stream().map(Secret::getMetadata).toList();
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
      Optional<String> refused = retiredRefusal(secret, claimedKeyId(secret));
      if (refused.isPresent()) {
        LOG.warn("ignoring {}", refused.get());
        continue;
      }
      Loaded l = loaded.get(name);
      String version = secret.getMetadata().getResourceVersion();
      boolean current = l != null && Objects.equals(l.resourceVersion(), version);
      if (!current || (l.unavailable() != null && now - l.retryAtNanos() >= 0)) {
        l = load(secret, version, now);
        loaded.put(name, l);
      }
      if (l.key() != null) {
        // No second retirement check: a key loads only if its identity's id is the claimed one.
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
          "cluster keys: {} active, {} opening values, current {}, {} unavailable",
          next.active().size(),
          next.keyring().keyIds().size(),
          next.current().map(k -> k.keyId().value()).orElse("none"),
          next.unavailable().size());
      for (Consumer<KeySnapshot> listener : listeners) {
        listener.accept(next);
      }
    }
  }

  private Optional<String> retiredRefusal(Secret secret, Optional<KeyId> keyId) {
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    return RetiredKeys.refusal(
        secret.getMetadata().getName(),
        secret.getMetadata().getAnnotations(),
        retired.find(keyId.get()));
  }

  /**
   * The key id a key Secret's annotation claims, if it is one; checked against the identity later.
   */
  private static Optional<KeyId> claimedKeyId(Secret secret) {
    var annotations = secret.getMetadata().getAnnotations();
    String claimed = annotations == null ? null : annotations.get(WireNames.KEY_ID_ANNOTATION);
    try {
      return claimed == null ? Optional.empty() : Optional.of(new KeyId(claimed));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
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
      // Only a well-formed key id: the annotation is not checked yet, and the id reaches status.
      String claimed = claimedKeyId(secret).map(KeyId::value).orElse("unknown");
      Duration wait = e.retryable() ? unwrapRetry : unwrapRetry.multipliedBy(10);
      return new Loaded(
          version,
          null,
          new UnavailableKey(name, claimed, e.getMessage(), e.retryable()),
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
      changed();
    }

    @Override
    public void onUpdate(Secret oldObj, Secret newObj) {
      changed();
    }

    @Override
    public void onDelete(Secret obj, boolean deletedFinalStateUnknown) {
      changed();
    }

    private void changed() {
      refresh();
      secretListeners.forEach(Runnable::run);
    }
  }
}
