package dev.sealwright.operator.keys;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster keys, kept current by watching the key Secrets in the operator's namespace: a key
 * added, disabled or removed there takes effect without a restart. Every replica runs this (it only
 * reads), so a standby is ready to unseal the moment it becomes leader. A key Secret whose key id
 * was retired is refused ({@link RetiredKeys#refusal}).
 */
public final class ClusterKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterKeys.class);

  private final KubernetesClient client;
  private final String namespace;
  private final RetiredKeys retired;
  private final List<Consumer<KeySnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> secretListeners = new CopyOnWriteArrayList<>();
  private volatile KeySnapshot snapshot = KeySnapshot.EMPTY;
  private SharedIndexInformer<Secret> informer;

  /**
   * @param retired started before this, so no retired key is read even once
   */
  public ClusterKeys(KubernetesClient client, String namespace, RetiredKeys retired) {
    this.client = client;
    this.namespace = namespace;
    this.retired = retired;
    retired.onChange(this::refresh);
  }

  /** Starts watching and waits until the first list is in. */
  public synchronized void start() {
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
    for (Secret secret : informer.getStore().list()) {
      try {
        ClusterKey key = KeySecrets.fromSecret(secret);
        Optional<String> refused =
            RetiredKeys.refusal(
                key.secretName(), secret.getMetadata().getAnnotations(), retired.find(key.keyId()));
        if (refused.isPresent()) {
          LOG.warn("ignoring {}", refused.get());
          continue;
        }
        keys.add(key);
      } catch (MalformedException e) {
        LOG.warn("ignoring key Secret: {}", e.getMessage());
      }
    }
    KeySnapshot next = new KeySnapshot(keys);
    KeySnapshot previous = snapshot;
    snapshot = next;
    if (!sameKeys(previous, next)) {
      LOG.info(
          "cluster keys: {} active, {} opening values, current {}",
          next.active().size(),
          next.keyring().keyIds().size(),
          next.current().map(k -> k.keyId().value()).orElse("none"));
      for (Consumer<KeySnapshot> listener : listeners) {
        listener.accept(next);
      }
    }
  }

  private static boolean sameKeys(KeySnapshot a, KeySnapshot b) {
    return Objects.equals(
        a.keys().stream().map(ClusterKey::toString).toList(),
        b.keys().stream().map(ClusterKey::toString).toList());
  }

  @Override
  public synchronized void close() {
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
