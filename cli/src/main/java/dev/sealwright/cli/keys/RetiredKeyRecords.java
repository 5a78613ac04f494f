package dev.sealwright.cli.keys;

import dev.sealwright.cli.manifest.YamlDocuments;
import dev.sealwright.wire.WireNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records of ConfigMap {@value WireNames#RETIRED_KEYS_CONFIGMAP} (written by the operator,
 * format in docs/keys.md), read through kubectl: which key ids were retired, when and at whose
 * request. Only the fields the CLI prints or compares are read.
 *
 * @param keyId the retired key id
 * @param requestedAt the request the retirement answered
 * @param fields every field of the record, as text
 */
record RetiredKeyRecords(String keyId, String requestedAt, Map<String, String> fields) {

  /** Every record, oldest first; none if the ConfigMap does not exist. */
  static List<RetiredKeyRecords> read(Kubectl kubectl) {
    String text =
        kubectl.get(
            "configmap",
            WireNames.RETIRED_KEYS_CONFIGMAP,
            "{.data." + WireNames.RETIRED_KEYS_JSON.replace(".", "\\.") + "}");
    List<RetiredKeyRecords> records = new ArrayList<>();
    if (text.isBlank()) {
      return records;
    }
    List<Object> docs = YamlDocuments.load(text, "ConfigMap " + WireNames.RETIRED_KEYS_CONFIGMAP);
    if (docs.size() == 1 && docs.getFirst() instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("keyId") instanceof String id) {
          Map<String, String> fields = new java.util.LinkedHashMap<>();
          m.forEach((k, v) -> fields.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
          records.add(new RetiredKeyRecords(id, fields.get("requestedAt"), fields));
        }
      }
    }
    return records;
  }

  /** The latest record of {@code keyId}. */
  static Optional<RetiredKeyRecords> latest(List<RetiredKeyRecords> records, String keyId) {
    return records.reversed().stream().filter(r -> r.keyId().equals(keyId)).findFirst();
  }

  String field(String name) {
    String v = fields.get(name);
    return v == null ? "unknown" : v;
  }
}
