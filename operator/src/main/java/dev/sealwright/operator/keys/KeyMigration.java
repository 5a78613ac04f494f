package dev.sealwright.operator.keys;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns plain key Secrets into protected ones, in place: the same Secret (name, labels, created-at)
 * with the plain identity item replaced by the wrapped identity and its escrow copy, in one update
 * guarded by the Secret's resourceVersion. Runs on the leader, and only when the operator was told
 * to migrate; otherwise a plain key next to protection stops the operator at start ({@link
 * #plainKeySecrets}).
 */
public final class KeyMigration {
  private static final Logger LOG = LoggerFactory.getLogger(KeyMigration.class);

  private final KubernetesClient client;
  private final ClusterKeys keys;

  public KeyMigration(KubernetesClient client, ClusterKeys keys) {
    this.client = client;
    this.keys = keys;
  }

  /** The names of the key Secrets in {@code namespace} that hold a plain identity. */
  public static List<String> plainKeySecrets(KubernetesClient client, String namespace) {
    return keySecrets(client, namespace).stream()
        .filter(s -> KeyStorage.holdsPlainIdentity(s.getData()))
        .map(s -> s.getMetadata().getName())
        .sorted()
        .toList();
  }

  /** Protects every plain key Secret, if protection is on and migration asked for; returns them. */
  public List<String> migrate() {
    KeyStorage storage = keys.storage();
    if (storage.protector().isEmpty() || !storage.migratesPlainKeys()) {
      return List.of();
    }
    List<String> done = new ArrayList<>();
    for (Secret secret : keySecrets(client, keys.namespace())) {
      if (!KeyStorage.holdsPlainIdentity(secret.getData())) {
        continue;
      }
      String name = secret.getMetadata().getName();
      try {
        client.secrets().inNamespace(keys.namespace()).resource(protect(secret, storage)).update();
        LOG.info("protected cluster key {} with {}", name, storage.protector().get().kekName());
        done.add(name);
      } catch (MalformedException e) {
        LOG.warn("not migrating: {}", e.getMessage());
      } catch (KeyProtectionException e) {
        LOG.warn(
            "could not protect cluster key {} (retried at the next check): {}",
            name,
            e.getMessage());
      } catch (KubernetesClientException e) {
        LOG.warn("could not store protected cluster key {}: HTTP {}", name, e.getCode());
      }
    }
    return done;
  }

  private static List<Secret> keySecrets(KubernetesClient client, String namespace) {
    return client
        .secrets()
        .inNamespace(namespace)
        .withLabel(WireNames.KEY_LABEL, "true")
        .list()
        .getItems();
  }

  /** The protected form of a plain key Secret, checked as the operator checks every key Secret. */
  static Secret protect(Secret plain, KeyStorage storage)
      throws MalformedException, KeyProtectionException {
    ClusterKey key = KeySecrets.fromSecret(plain);
    SecretBytes line =
        SecretBytes.adopt(
            Base64.getDecoder().decode(plain.getData().get(WireNames.KEY_IDENTITY_ITEM)));
    try {
      Map<String, String> annotations = new TreeMap<>(plain.getMetadata().getAnnotations());
      annotations.putAll(storage.annotations());
      return new SecretBuilder(plain)
          .editMetadata()
          .withAnnotations(annotations)
          .endMetadata()
          .withData(storage.data(key.keyId(), line))
          .withStringData(null)
          .build();
    } finally {
      line.destroy();
    }
  }
}
