package dev.sealwright.operator.keys;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ConfigMap {@value WireNames#PUBLIC_KEYS_CONFIGMAP} that publishes the cluster's public keys:
 * no key material, readable by every authenticated user, so sealing needs no access to the operator
 * or its Service. Pure rendering; the format is documented in docs/operator.md.
 */
public final class PublicKeys {

  private PublicKeys() {}

  /** keys.json, fields in the documented order: the current key id and every active key. */
  @JsonPropertyOrder({"current", "keys"})
  record KeysDocument(String current, List<Entry> keys) {}

  /** One active key; {@code current} is true for the first, the key new values are sealed to. */
  @JsonPropertyOrder({"keyId", "recipient", "createdAt", "current"})
  record Entry(String keyId, String recipient, String createdAt, boolean current) {}

  public static ConfigMap render(String namespace, KeySnapshot snapshot) {
    List<ClusterKey> active = snapshot.active();
    // recipients.txt names only the current key, so 'sealwright seal -R recipients.txt' seals to
    // it alone; older active keys still open values and are listed in keys.json.
    StringBuilder txt =
        new StringBuilder("# Sealwright: the current public key of this cluster. Seal to it.\n");
    if (!active.isEmpty()) {
      ClusterKey k = active.getFirst();
      txt.append("# key id ").append(k.keyId()).append(", created ").append(k.createdAt());
      txt.append('\n').append(k.recipient().encoded()).append('\n');
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < active.size(); i++) {
      ClusterKey k = active.get(i);
      entries.add(
          new Entry(k.keyId().value(), k.recipient().encoded(), k.createdAt().toString(), i == 0));
    }
    KeysDocument json =
        new KeysDocument(snapshot.current().map(k -> k.keyId().value()).orElse(null), entries);
    Map<String, String> data = new LinkedHashMap<>();
    data.put(WireNames.RECIPIENTS_TXT, txt.toString());
    data.put(WireNames.KEYS_JSON, KeysJson.write(json));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(WireNames.PUBLIC_KEYS_CONFIGMAP)
        .withNamespace(namespace)
        .addToLabels(WireNames.MANAGED_BY_LABEL, WireNames.MANAGED_BY_VALUE)
        .endMetadata()
        .withData(data)
        .build();
  }
}
