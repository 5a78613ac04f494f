package dev.sealwright.operator.keys;

import dev.sealwright.envelope.KeyId;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retired keys as recorded in {@value WireNames#RETIRED_KEYS_CONFIGMAP}, kept current by
 * watching that one ConfigMap (every replica: a retired id must never open values again, whoever
 * leads), and the leader's append to it.
 */
public final class RetiredKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetiredKeys.class);
  private static final int APPEND_TRIES = 5;

  private final KubernetesClient client;
  private final String namespace;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<KeyId, RetiredKey> latest = Map.of();
  private SharedIndexInformer<ConfigMap> informer;

  public RetiredKeys(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Starts watching and waits until the first list is in. */
  public synchronized void start() {
    informer =
        client
            .configMaps()
            .inNamespace(namespace)
            .withName(WireNames.RETIRED_KEYS_CONFIGMAP)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap cm) {
                    refresh(cm);
                  }

                  @Override
                  public void onUpdate(ConfigMap oldCm, ConfigMap cm) {
                    refresh(cm);
                  }

                  @Override
                  public void onDelete(ConfigMap cm, boolean unknown) {
                    refresh(null);
                  }
                });
  }

  /** Called after each change of the records. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** The latest retirement of {@code keyId}, if it was ever retired (within the records kept). */
  public Optional<RetiredKey> find(KeyId keyId) {
    return Optional.ofNullable(latest.get(keyId));
  }

  private void refresh(ConfigMap cm) {
    Map<KeyId, RetiredKey> next = new HashMap<>();
    try {
      // Oldest first: a later record of the same id (retired again after a reinstatement) wins.
      RetiredKeysConfigMap.parse(cm).forEach(r -> next.put(r.keyId(), r));
    } catch (IllegalArgumentException e) {
      // Keep what was known: an edit that breaks the record must not bring retired keys back.
      LOG.warn("{}; keeping the retired key ids read before", e.getMessage());
      return;
    }
    latest = Map.copyOf(next);
    listeners.forEach(Runnable::run);
  }

  /**
   * Appends a record (leader only): read, append, update at the resourceVersion read, so a
   * concurrent writer makes this try again instead of losing a record.
   *
   * @throws IllegalArgumentException if the ConfigMap holds something this version cannot read
   * @throws KubernetesClientException if the API server refuses, naming the HTTP status
   */
  public void append(RetiredKey record) {
    for (int attempt = 1; ; attempt++) {
      ConfigMap existing =
          client
              .configMaps()
              .inNamespace(namespace)
              .withName(WireNames.RETIRED_KEYS_CONFIGMAP)
              .get();
      List<RetiredKey> records = RetiredKeysConfigMap.parse(existing);
      if (records.stream().anyMatch(r -> sameRequest(r, record))) {
        return;
      }
      ConfigMap desired =
          RetiredKeysConfigMap.render(namespace, RetiredKeysConfigMap.append(records, record));
      try {
        if (existing == null) {
          client.configMaps().inNamespace(namespace).resource(desired).create();
        } else {
          desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
          client.configMaps().inNamespace(namespace).resource(desired).update();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == APPEND_TRIES) {
          throw new KubernetesClientException(
              "could not record the retired key "
                  + record.keyId()
                  + " in ConfigMap "
                  + WireNames.RETIRED_KEYS_CONFIGMAP
                  + ": HTTP "
                  + e.getCode(),
              e.getCode(),
              null);
        }
      }
    }
  }

  /**
   * Why a key Secret must not be used, if its key id was retired: a Secret restored from an old
   * backup would otherwise bring a destroyed key back. Only a Secret marked {@value
   * WireNames#REINSTATED_AT_ANNOTATION} after the retirement (by {@code sealwright keys restore
   * --reinstate-retired}) is used again.
   */
  public static Optional<String> refusal(
      String secretName, Map<String, String> annotations, Optional<RetiredKey> retired) {
    if (retired.isEmpty()) {
      return Optional.empty();
    }
    RetiredKey r = retired.get();
    String reinstated =
        annotations == null ? null : annotations.get(WireNames.REINSTATED_AT_ANNOTATION);
    try {
      if (reinstated != null && java.time.Instant.parse(reinstated).isAfter(r.retiredAt())) {
        return Optional.empty();
      }
    } catch (java.time.format.DateTimeParseException e) {
      // not a time: refused like a missing one
    }
    return Optional.of(
        "key Secret "
            + secretName
            + " holds key id "
            + r.keyId()
            + ", which was retired at "
            + r.retiredAt()
            + " (ConfigMap "
            + WireNames.RETIRED_KEYS_CONFIGMAP
            + "); a retired key is never used again. If bringing it back is deliberate, restore"
            + " it with 'sealwright keys restore --reinstate-retired' (docs/keys.md)");
  }

  private static boolean sameRequest(RetiredKey a, RetiredKey b) {
    return a.keyId().equals(b.keyId()) && a.requestedAt().equals(b.requestedAt());
  }

  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
