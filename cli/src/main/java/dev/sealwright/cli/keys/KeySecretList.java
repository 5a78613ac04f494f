package dev.sealwright.cli.keys;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.YamlDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    // Only what the operator writes, which is all a restore accepts (other tools' labels, such as
    // a GitOps tracker's, are not part of the key).
    m.put("labels", only(meta.get("labels"), BackupKey.LABELS));
    m.put("annotations", only(meta.get("annotations"), BackupKey.ANNOTATIONS));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("apiVersion", "v1");
    s.put("kind", "Secret");
    s.put("metadata", m);
    s.put("type", secret.get("type") == null ? "Opaque" : secret.get("type"));
    s.put("data", secret.get("data"));
    return s;
  }

  private static Map<Object, Object> only(Object entries, Set<String> keep) {
    Map<Object, Object> kept = new LinkedHashMap<>();
    if (entries instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (keep.contains(k)) {
              kept.put(k, v);
            }
          });
    }
    return kept;
  }

  /** More keys than a cluster ever keeps: the bound on what one backup may restore. */
  static final int MAX_KEYS = 256;

  /** Reads a decrypted backup: every Secret checked by {@link BackupKey#check}. */
  static List<BackupKey> read(String yaml, String source, Instant now) {
    List<Object> docs = YamlDocuments.load(yaml, source);
    if (docs.size() != 1
        || !(docs.getFirst() instanceof Map<?, ?> list)
        || !"List".equals(list.get("kind"))
        || !(list.get("items") instanceof List<?> items)) {
      throw CliException.failed(
          source + " is not a Sealwright key backup",
          "restore files made by 'sealwright keys backup'");
    }
    if (items.size() > MAX_KEYS) {
      throw CliException.refused(
          source + " holds " + items.size() + " Secrets; a backup holds at most " + MAX_KEYS,
          "restore only backups made by 'sealwright keys backup'");
    }
    List<BackupKey> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> s) || !"Secret".equals(s.get("kind"))) {
        throw CliException.refused(
            source + " item " + i + " is not a Secret",
            "restore only backups made by 'sealwright keys backup'");
      }
      BackupKey key = BackupKey.check(s, source, i, now);
      if (!names.add(key.name())) {
        throw CliException.refused(
            source + " holds " + key.name() + " twice",
            "restore only backups made by 'sealwright keys backup'");
      }
      keys.add(key);
    }
    return keys;
  }

  /** A copy of {@code secret} with one more annotation (the backup itself stays as read). */
  static Map<String, Object> withAnnotation(Map<String, Object> secret, String key, String value) {
    Map<String, Object> copy = new LinkedHashMap<>(secret);
    Map<Object, Object> meta = new LinkedHashMap<>((Map<?, ?>) secret.get("metadata"));
    Map<Object, Object> annotations = new LinkedHashMap<>();
    if (meta.get("annotations") instanceof Map<?, ?> a) {
      annotations.putAll(a);
    }
    annotations.put(key, value);
    meta.put("annotations", annotations);
    copy.put("metadata", meta);
    return copy;
  }

  static byte[] json(Map<String, Object> secret) {
    // YAML is a superset of JSON and kubectl reads either; flow style keeps it on one line.
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
    options.setWidth(Integer.MAX_VALUE);
    return new Yaml(options).dump(secret).getBytes(StandardCharsets.UTF_8);
  }
}
