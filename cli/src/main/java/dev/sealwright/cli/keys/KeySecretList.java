package dev.sealwright.cli.keys;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.YamlDocuments;
import dev.sealwright.wire.WireNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator's key Secrets (format in docs/operator.md) reduced to what a restore needs: name,
 * labels, annotations, type and data. The plain form exists only in memory, between kubectl's pipe
 * and age encryption.
 */
final class KeySecretList {

  private KeySecretList() {}

  /** Cleans kubectl's JSON list of key Secrets into a YAML list of restorable Secrets. */
  static byte[] fromKubectlJson(byte[] json) {
    List<Object> docs =
        YamlDocuments.load(new String(json, StandardCharsets.UTF_8), "kubectl output");
    if (docs.size() != 1 || !(docs.getFirst() instanceof Map<?, ?> list)) {
      throw CliException.failed("kubectl returned something other than a list of Secrets");
    }
    List<Object> items = new ArrayList<>();
    for (Object item : (List<?>) list.get("items")) {
      items.add(clean((Map<?, ?>) item));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "v1");
    out.put("kind", "List");
    out.put("items", items);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(out).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> clean(Map<?, ?> secret) {
    Map<?, ?> meta = (Map<?, ?>) secret.get("metadata");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", meta.get("name"));
    if (meta.get("labels") != null) {
      m.put("labels", meta.get("labels"));
    }
    if (meta.get("annotations") != null) {
      m.put("annotations", meta.get("annotations"));
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("apiVersion", "v1");
    s.put("kind", "Secret");
    s.put("metadata", m);
    s.put("type", secret.get("type") == null ? "Opaque" : secret.get("type"));
    s.put("data", secret.get("data"));
    return s;
  }

  /** Reads a decrypted backup: the Secrets, each with its name and key id. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> read(String yaml, String source) {
    List<Object> docs = YamlDocuments.load(yaml, source);
    if (docs.size() != 1
        || !(docs.getFirst() instanceof Map<?, ?> list)
        || !"List".equals(list.get("kind"))
        || !(list.get("items") instanceof List<?> items)) {
      throw CliException.failed(
          source + " is not a Sealwright key backup",
          "restore files made by 'sealwright keys backup'");
    }
    List<Map<String, Object>> secrets = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> s)
          || !"Secret".equals(s.get("kind"))
          || !(s.get("metadata") instanceof Map<?, ?> meta)
          || !(meta.get("labels") instanceof Map<?, ?> labels)
          || !"true".equals(labels.get(WireNames.KEY_LABEL))) {
        throw CliException.failed(
            source + " holds something other than key Secrets",
            "restore files made by 'sealwright keys backup'");
      }
      secrets.add((Map<String, Object>) s);
    }
    return secrets;
  }

  static String name(Map<String, Object> secret) {
    return String.valueOf(((Map<?, ?>) secret.get("metadata")).get("name"));
  }

  static String keyId(Map<String, Object> secret) {
    Object annotations = ((Map<?, ?>) secret.get("metadata")).get("annotations");
    Object id = annotations instanceof Map<?, ?> a ? a.get(WireNames.KEY_ID_ANNOTATION) : null;
    return id == null ? "?" : id.toString();
  }

  static byte[] json(Map<String, Object> secret) {
    // YAML is a superset of JSON and kubectl reads either; flow style keeps it on one line.
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
    options.setWidth(Integer.MAX_VALUE);
    return new Yaml(options).dump(secret).getBytes(StandardCharsets.UTF_8);
  }
}
