package dev.sealwright.cli.sops;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns decrypted SOPS documents into {@link SecretManifest}s: Secret manifests document by
 * document, a dotenv file as one Secret. Metadata strings (names, labels) are not secret and become
 * Java strings; item values stay {@link SecretBytes}.
 */
public final class SopsSecrets {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private SopsSecrets() {}

  /**
   * What a file turned into.
   *
   * @param skipped one line per document that is not a Secret, saying what it is
   */
  public record Conversion(List<SecretManifest> secrets, List<String> skipped) {
    public Conversion {
      secrets = List.copyOf(secrets);
      skipped = List.copyOf(skipped);
    }
  }

  /** The Secrets among the documents of a YAML or JSON file; the rest is reported as skipped. */
  public static Conversion manifests(SopsDocument doc, String defaultNamespace) {
    List<SecretManifest> secrets = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try {
      for (int i = 0; i < doc.documents().size(); i++) {
        String where =
            doc.documents().size() == 1 ? doc.source() : doc.source() + ", document " + (i + 1);
        SopsValue value = doc.documents().get(i);
        String kind =
            value instanceof SopsValue.Mapping m ? string(m.get("kind"), where, "kind") : null;
        String apiVersion =
            value instanceof SopsValue.Mapping m
                ? string(m.get("apiVersion"), where, "apiVersion")
                : null;
        if (!"Secret".equals(kind) || !"v1".equals(apiVersion)) {
          skipped.add(
              where
                  + ": "
                  + (kind == null
                      ? "not a Kubernetes object (values files are converted when they are one document per file)"
                      : "a " + kind + ", not a Secret (apiVersion: v1)"));
          continue;
        }
        secrets.add(secret((SopsValue.Mapping) value, where, defaultNamespace));
      }
    } catch (RuntimeException e) {
      secrets.forEach(SecretManifest::destroy);
      throw e;
    }
    return new Conversion(secrets, skipped);
  }

  /** A dotenv file as one Opaque Secret: each KEY=VALUE line is an item. */
  public static SecretManifest dotenv(SopsDocument doc, String name, String namespace) {
    SortedMap<String, SecretBytes> data = new TreeMap<>();
    if (doc.documents().getFirst() instanceof SopsValue.Mapping m) {
      for (SopsValue.Field f : m.fields()) {
        if (f.value() instanceof SopsValue.Leaf l) {
          data.put(f.key(), SecretBytes.copyOf(l.bytes().toByteArray()));
        }
      }
    }
    return new SecretManifest(ObjectMeta.named(name, namespace), null, null, data);
  }

  private static SecretManifest secret(SopsValue.Mapping object, String where, String namespace) {
    SopsValue.Mapping metadata = mapping(object.get("metadata"), where, "metadata");
    SortedMap<String, String> annotations =
        stringMap(metadata.get("annotations"), where, "metadata.annotations");
    annotations.remove(LAST_APPLIED);
    String ns = string(metadata.get("namespace"), where, "metadata.namespace");
    if (ns != null && namespace != null && !ns.equals(namespace)) {
      throw CliException.usage(
          where + " is in namespace " + ns + ", not " + namespace,
          "-n only fills in a missing namespace; drop it or fix the manifest");
    }
    ObjectMeta meta =
        new ObjectMeta(
            string(metadata.get("name"), where, "metadata.name"),
            ns != null ? ns : namespace,
            stringMap(metadata.get("labels"), where, "metadata.labels"),
            annotations);
    SortedMap<String, SecretBytes> data = new TreeMap<>();
    try {
      for (SopsValue.Field f : mapping(object.get("data"), where, "data").fields()) {
        data.put(f.key(), base64(f.value(), where, "data." + f.key()));
      }
      for (SopsValue.Field f : mapping(object.get("stringData"), where, "stringData").fields()) {
        // As in Kubernetes, stringData wins over data for the same key.
        SecretBytes old = data.put(f.key(), bytes(f.value(), where, "stringData." + f.key()));
        if (old != null) {
          old.destroy();
        }
      }
      String immutable = string(object.get("immutable"), where, "immutable");
      return new SecretManifest(
          meta,
          string(object.get("type"), where, "type"),
          immutable == null ? null : Boolean.valueOf(immutable.equalsIgnoreCase("true")),
          data);
    } catch (RuntimeException e) {
      data.values().forEach(SecretBytes::destroy);
      throw e;
    }
  }

  private static SecretBytes bytes(SopsValue v, String where, String path) {
    return switch (v) {
      case SopsValue.Leaf l when l.type().equals("str") ->
          SecretBytes.copyOf(l.bytes().toByteArray());
      case SopsValue.Null n -> SecretBytes.adopt(new byte[0]);
      default -> throw invalid(where, path, "must be a string");
    };
  }

  private static SecretBytes base64(SopsValue v, String where, String path) {
    SecretBytes raw = bytes(v, where, path);
    byte[] text = raw.toByteArray();
    raw.destroy();
    try {
      int from = 0;
      int to = text.length;
      while (from < to && Character.isWhitespace(text[from])) {
        from++;
      }
      while (to > from && Character.isWhitespace(text[to - 1])) {
        to--;
      }
      byte[] trimmed = java.util.Arrays.copyOfRange(text, from, to);
      try {
        return SecretBytes.adopt(Base64.getDecoder().decode(trimmed));
      } finally {
        java.util.Arrays.fill(trimmed, (byte) 0);
      }
    } catch (IllegalArgumentException e) {
      throw CliException.failed(
          where + ": " + path + " is not valid base64",
          "values under data are base64-encoded; put plain text under stringData instead");
    } finally {
      java.util.Arrays.fill(text, (byte) 0);
    }
  }

  private static SopsValue.Mapping mapping(SopsValue v, String where, String path) {
    return switch (v) {
      case null -> new SopsValue.Mapping(List.of());
      case SopsValue.Null n -> new SopsValue.Mapping(List.of());
      case SopsValue.Mapping m -> m;
      default -> throw invalid(where, path, "must be a mapping");
    };
  }

  private static SortedMap<String, String> stringMap(SopsValue v, String where, String path) {
    SortedMap<String, String> map = new TreeMap<>();
    for (SopsValue.Field f : mapping(v, where, path).fields()) {
      String s = string(f.value(), where, path + "." + f.key());
      map.put(f.key(), s == null ? "" : s);
    }
    return map;
  }

  /** A metadata scalar as text; null when absent. */
  private static String string(SopsValue v, String where, String path) {
    return switch (v) {
      case null -> null;
      case SopsValue.Null n -> null;
      case SopsValue.Leaf l -> new String(l.bytes().toByteArray(), StandardCharsets.UTF_8);
      default -> throw invalid(where, path, "must be a scalar");
    };
  }

  private static CliException invalid(String where, String path, String problem) {
    return CliException.failed(
        where + ": " + path + " " + problem, "fix the manifest and encrypt it again with sops");
  }
}
