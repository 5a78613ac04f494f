package dev.sealwright.operator.keys;

import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@link PublicKeys} whenever the published content would change. Leader only. */
public final class PublicKeysPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(PublicKeysPublisher.class);

  private final KubernetesClient client;
  private final String namespace;

  public PublicKeysPublisher(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * Whether the ConfigMap is written: when its content changes, but never created without a current
   * key. At first start the leader publishes before it has made the first key, and a recipients.txt
   * without a recipient would make {@code sealwright keys fetch} fail until the next publish. An
   * existing ConfigMap is updated even to no key (every key disabled): clients must see that.
   */
  static boolean needsWrite(ConfigMap existing, ConfigMap desired, KeySnapshot snapshot) {
    if (!snapshot.unavailable().isEmpty()) {
      // A key the KEK did not unwrap is still a cluster key: publishing without it would tell
      // sealers to stop using it. The last list stands until every key is readable again.
      return false;
    }
    if (existing == null) {
      return snapshot.current().isPresent();
    }
    return !Objects.equals(existing.getData(), desired.getData());
  }

  public synchronized void publish(KeySnapshot snapshot) {
    ConfigMap desired = PublicKeys.render(namespace, snapshot);
    ConfigMap existing =
        client.configMaps().inNamespace(namespace).withName(WireNames.PUBLIC_KEYS_CONFIGMAP).get();
    if (!needsWrite(existing, desired, snapshot)) {
      return;
    }
    if (existing == null) {
      client.configMaps().inNamespace(namespace).resource(desired).create();
    } else {
      desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      client.configMaps().inNamespace(namespace).resource(desired).update();
    }
    LOG.info(
        "published {} public keys in ConfigMap {}",
        snapshot.active().size(),
        WireNames.PUBLIC_KEYS_CONFIGMAP);
  }
}
