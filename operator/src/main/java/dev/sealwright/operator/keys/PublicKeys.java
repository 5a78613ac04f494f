package dev.sealwright.operator.keys;

import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
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

  public static ConfigMap render(String namespace, KeySnapshot snapshot) {
    List<ClusterKey> active = snapshot.active();
    // recipients.txt names only the current key, so 'sealwright seal -R recipients.txt' seals to
    // it alone; older active keys still open values and are listed in keys.json.
    StringBuilder txt =
        new StringBuilder("# Sealwright: the current public key of this cluster. Seal to it.\n");
    StringBuilder json = new StringBuilder("{\n  \"current\": ");
    json.append(snapshot.current().map(k -> quote(k.keyId().value())).orElse("null"));
    json.append(",\n  \"keys\": [");
    for (int i = 0; i < active.size(); i++) {
      ClusterKey k = active.get(i);
      if (i == 0) {
        txt.append("# key id ").append(k.keyId()).append(", created ").append(k.createdAt());
        txt.append('\n').append(k.recipient().encoded()).append('\n');
      }
      json.append(i == 0 ? "\n" : ",\n");
      json.append("    {\"keyId\": ").append(quote(k.keyId().value()));
      json.append(", \"recipient\": ").append(quote(k.recipient().encoded()));
      json.append(", \"createdAt\": ").append(quote(k.createdAt().toString()));
      json.append(", \"current\": ").append(i == 0).append('}');
    }
    json.append(active.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    Map<String, String> data = new LinkedHashMap<>();
    data.put(WireNames.RECIPIENTS_TXT, txt.toString());
    data.put(WireNames.KEYS_JSON, json.toString());
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(WireNames.PUBLIC_KEYS_CONFIGMAP)
        .withNamespace(namespace)
        .addToLabels(WireNames.MANAGED_BY_LABEL, WireNames.MANAGED_BY_VALUE)
        .endMetadata()
        .withData(data)
        .build();
  }

  // Key ids, recipients and timestamps are plain ASCII without quotes or backslashes.
  private static String quote(String s) {
    return '"' + s + '"';
  }
}
