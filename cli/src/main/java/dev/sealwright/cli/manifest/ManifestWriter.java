package dev.sealwright.cli.manifest;

import dev.sealwright.secret.SecretBytes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes SealedSecrets in the canonical layout of {@code docs/cli.md}, and Secrets for {@code
 * unseal}. Only the changed item's line differs between two writes of a SealedSecret.
 */
public final class ManifestWriter {
  /** Output formats of {@code -o}. */
  public enum Format {
    YAML,
    JSON;

    /** JSON when the text's first non-blank character is '{', as for files written with -o json. */
    public static Format of(String existingText) {
      return existingText.stripLeading().startsWith("{") ? JSON : YAML;
    }
  }

  private ManifestWriter() {}

  public static String sealedSecrets(List<SealedSecret> secrets, Format format) {
    return write(secrets.stream().map(ManifestWriter::tree).toList(), format);
  }

  /** Writes opened Secrets; the values are base64 under {@code data}, exactly as stored. */
  public static String secrets(List<SecretManifest> secrets, Format format) {
    return write(secrets.stream().map(ManifestWriter::tree).toList(), format);
  }

  /**
   * A sealed env file ({@code -o env}): a comment naming where the values are bound, then one
   * {@code ITEM=ENVELOPE} line per item of one SealedSecret, for the kustomize generator's {@code
   * envs:} (docs/gitops.md#kustomize).
   */
  public static String sealedEnvFile(List<SealedSecret> secrets) {
    if (secrets.size() != 1) {
      throw dev.sealwright.cli.CliException.usage(
          "-o env writes one SealedSecret, but the input holds " + secrets.size(),
          "seal one Secret at a time");
    }
    SealedSecret s = secrets.getFirst();
    StringBuilder sb = new StringBuilder();
    sb.append("# sealed for ")
        .append(s.meta().displayName())
        .append(", scope ")
        .append(s.scope().wireName())
        .append(s.serviceAccountName().map(sa -> ", service account " + sa).orElse(""))
        .append('\n');
    s.encryptedData()
        .forEach((item, envelope) -> sb.append(item).append('=').append(envelope).append('\n'));
    return sb.toString();
  }

  private static String write(List<Map<String, Object>> trees, Format format) {
    if (format == Format.JSON) {
      if (trees.size() == 1) {
        return TreeWriter.json(trees.getFirst());
      }
      Map<String, Object> list = new LinkedHashMap<>();
      list.put("apiVersion", "v1");
      list.put("kind", "List");
      list.put("items", new ArrayList<Object>(trees));
      return TreeWriter.json(list);
    }
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> tree : trees) {
      if (!sb.isEmpty()) {
        sb.append("---\n");
      }
      sb.append(TreeWriter.yaml(tree, false));
    }
    return sb.toString();
  }

  public static Map<String, Object> tree(SealedSecret s) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", SealedSecret.API_VERSION);
    root.put("kind", SealedSecret.KIND);
    root.put("metadata", metadata(s.meta()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("scope", s.scope().wireName());
    s.serviceAccountName().ifPresent(sa -> spec.put("serviceAccount", sa));
    spec.put("encryptedData", new LinkedHashMap<String, Object>(s.encryptedData()));
    SealedSecret.Template t = s.template();
    if (!t.isEmpty()) {
      Map<String, Object> template = new LinkedHashMap<>();
      Map<String, Object> templateMeta = labelsAndAnnotations(t.labels(), t.annotations());
      if (!templateMeta.isEmpty()) {
        template.put("metadata", templateMeta);
      }
      putIfPresent(template, "type", t.type());
      putIfPresent(template, "immutable", t.immutable());
      spec.put("template", template);
    }
    root.put("spec", spec);
    return root;
  }

  public static Map<String, Object> tree(SecretManifest s) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", "v1");
    root.put("kind", "Secret");
    root.put("metadata", metadata(s.meta()));
    putIfPresent(root, "type", s.type());
    putIfPresent(root, "immutable", s.immutable());
    Map<String, Object> data = new LinkedHashMap<>();
    for (Map.Entry<String, SecretBytes> e : s.data().entrySet()) {
      byte[] bytes = e.getValue().toByteArray();
      data.put(e.getKey(), Base64.getEncoder().encodeToString(bytes));
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    root.put("data", data);
    return root;
  }

  private static Map<String, Object> metadata(ObjectMeta meta) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    putIfPresent(metadata, "name", meta.name());
    putIfPresent(metadata, "namespace", meta.namespace());
    metadata.putAll(labelsAndAnnotations(meta.labels(), meta.annotations()));
    return metadata;
  }

  private static Map<String, Object> labelsAndAnnotations(
      SortedMap<String, String> labels, SortedMap<String, String> annotations) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!labels.isEmpty()) {
      m.put("labels", new LinkedHashMap<String, Object>(labels));
    }
    if (!annotations.isEmpty()) {
      m.put("annotations", new LinkedHashMap<String, Object>(annotations));
    }
    return m;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
