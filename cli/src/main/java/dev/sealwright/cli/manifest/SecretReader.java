package dev.sealwright.cli.manifest;

import dev.sealwright.cli.CliException;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads Kubernetes Secret manifests (YAML or JSON, several documents, {@code kind: List}).
 *
 * <p>Keeps only what a sealed copy needs: server-set fields and {@code
 * kubectl.kubernetes.io/last-applied-configuration} (which holds the plaintext of the last applied
 * Secret) are dropped here, so they cannot reach a SealedSecret.
 */
public final class SecretReader {
  static final Pattern ITEM_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Set<String> DROPPED_ANNOTATIONS =
      Set.of("kubectl.kubernetes.io/last-applied-configuration");

  private SecretReader() {}

  public static List<SecretManifest> read(String text, String source) {
    List<SecretManifest> secrets = new ArrayList<>();
    ManifestObjects.walk(
        text,
        source,
        (object, kind, fields) -> {
          requireSecret(object, kind, fields);
          secrets.add(secret(object, fields));
        });
    return secrets;
  }

  private static void requireSecret(Map<String, Object> object, String kind, Fields fields) {
    if ("SealedSecret".equals(kind)) {
      throw CliException.failed(
          fields.where() + " is already a SealedSecret",
          "to change one item use 'sealwright set FILE ITEM'; to re-seal use 'sealwright reseal'");
    }
    if (!"Secret".equals(kind) || !"v1".equals(fields.string(object, "apiVersion", "apiVersion"))) {
      throw CliException.failed(
          fields.where()
              + " is "
              + (kind == null ? "not a Kubernetes object" : "a " + kind)
              + ", not a Secret (apiVersion: v1, kind: Secret)",
          "seal reads Secret manifests, for example from"
              + " 'kubectl create secret generic NAME --dry-run=client -o yaml'");
    }
  }

  private static SecretManifest secret(Map<String, Object> object, Fields fields) {
    Map<String, Object> metadata = fields.map(object, "metadata", "metadata");
    SortedMap<String, String> annotations =
        fields.stringMap(metadata, "annotations", "metadata.annotations");
    annotations.keySet().removeAll(DROPPED_ANNOTATIONS);
    ObjectMeta meta =
        new ObjectMeta(
            fields.string(metadata, "name", "metadata.name"),
            fields.string(metadata, "namespace", "metadata.namespace"),
            fields.stringMap(metadata, "labels", "metadata.labels"),
            annotations);
    SortedMap<String, SecretBytes> data = new TreeMap<>();
    for (Map.Entry<String, Object> e : fields.map(object, "data", "data").entrySet()) {
      String path = "data." + e.getKey();
      checkItemKey(e.getKey(), fields, path);
      data.put(e.getKey(), decodeBase64(e.getValue(), fields, path));
    }
    for (Map.Entry<String, Object> e : fields.map(object, "stringData", "stringData").entrySet()) {
      String path = "stringData." + e.getKey();
      checkItemKey(e.getKey(), fields, path);
      if (e.getValue() != null && !(e.getValue() instanceof String)) {
        throw fields.invalid(path, "must be a string");
      }
      String value = e.getValue() == null ? "" : (String) e.getValue();
      // As in Kubernetes, stringData wins over data for the same key.
      data.put(e.getKey(), SecretBytes.adopt(value.getBytes(StandardCharsets.UTF_8)));
    }
    return new SecretManifest(
        meta,
        fields.string(object, "type", "type"),
        fields.bool(object, "immutable", "immutable"),
        data);
  }

  static void checkItemKey(String key, Fields fields, String path) {
    if (key.length() > 253 || !ITEM_KEY.matcher(key).matches()) {
      throw fields.invalid(
          path, "is not a valid item key (letters, digits, '-', '_' and '.', at most 253)");
    }
  }

  private static SecretBytes decodeBase64(Object value, Fields fields, String path) {
    if (value == null) {
      return SecretBytes.adopt(new byte[0]);
    }
    if (!(value instanceof String s)) {
      throw fields.invalid(path, "must be a base64 string");
    }
    try {
      return SecretBytes.adopt(Base64.getDecoder().decode(s.strip()));
    } catch (IllegalArgumentException e) {
      throw CliException.failed(
          fields.where() + ": " + path + " is not valid base64",
          "values under data are base64-encoded; put plain text under stringData instead");
    }
  }
}
