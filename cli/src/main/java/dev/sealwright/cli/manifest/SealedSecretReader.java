package dev.sealwright.cli.manifest;

import dev.sealwright.cli.CliException;
import dev.sealwright.envelope.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads SealedSecret manifests (YAML or JSON, several documents, {@code kind: List}). */
public final class SealedSecretReader {
  private SealedSecretReader() {}

  public static List<SealedSecret> read(String text, String source) {
    List<SealedSecret> result = walk(text, source, false);
    if (result.isEmpty()) {
      throw CliException.failed(
          source + " holds no SealedSecret",
          "create one with 'sealwright seal' or 'sealwright create'");
    }
    return result;
  }

  /**
   * The SealedSecrets among the objects of {@code text}, skipping objects of any other kind or
   * apiVersion (for Git history, where a file may hold anything). Malformed YAML and malformed
   * SealedSecrets still fail, naming the place.
   */
  public static List<SealedSecret> readSealedSecrets(String text, String source) {
    return walk(text, source, true);
  }

  private static List<SealedSecret> walk(String text, String source, boolean skipOthers) {
    List<SealedSecret> result = new ArrayList<>();
    ManifestObjects.walk(
        text,
        source,
        (object, kind, fields) -> {
          if (isSealedSecret(object, kind, fields)) {
            result.add(sealedSecret(object, fields));
          } else if (!skipOthers) {
            throw CliException.failed(
                fields.where()
                    + " is "
                    + (kind == null ? "not a Kubernetes object" : "a " + kind)
                    + ", not a SealedSecret (apiVersion: sealwright.dev/v1)",
                "Secret manifests are sealed with 'sealwright seal'");
          }
        });
    return result;
  }

  /** Reads a file that must hold exactly one SealedSecret (for in-place edits). */
  public static SealedSecret readOne(String text, String source) {
    List<SealedSecret> all = read(text, source);
    if (all.size() != 1) {
      throw CliException.failed(
          source + " holds " + all.size() + " SealedSecrets; this command edits a file with one",
          "keep one SealedSecret per file (the usual GitOps layout)");
    }
    return all.getFirst();
  }

  private static boolean isSealedSecret(Map<String, Object> object, String kind, Fields fields) {
    return SealedSecret.KIND.equals(kind)
        && SealedSecret.API_VERSION.equals(fields.string(object, "apiVersion", "apiVersion"));
  }

  private static SealedSecret sealedSecret(Map<String, Object> object, Fields fields) {
    Map<String, Object> metadata = fields.map(object, "metadata", "metadata");
    ObjectMeta meta =
        new ObjectMeta(
            fields.string(metadata, "name", "metadata.name"),
            fields.string(metadata, "namespace", "metadata.namespace"),
            fields.stringMap(metadata, "labels", "metadata.labels"),
            fields.stringMap(metadata, "annotations", "metadata.annotations"));
    Map<String, Object> spec = fields.map(object, "spec", "spec");
    String scopeName = fields.string(spec, "scope", "spec.scope");
    Scope scope = Scope.fromWireName(scopeName);
    if (scope == null) {
      throw fields.invalid("spec.scope", "must be strict, namespace or cluster");
    }
    SortedMap<String, String> encrypted = new TreeMap<>();
    for (Map.Entry<String, Object> e :
        fields.map(spec, "encryptedData", "spec.encryptedData").entrySet()) {
      String path = "spec.encryptedData." + e.getKey();
      SecretReader.checkItemKey(e.getKey(), fields, path);
      if (!(e.getValue() instanceof String envelope)) {
        throw fields.invalid(path, "must be an envelope string (sw1:...)");
      }
      encrypted.put(e.getKey(), envelope);
    }
    Map<String, Object> template = fields.map(spec, "template", "spec.template");
    Map<String, Object> templateMeta = fields.map(template, "metadata", "spec.template.metadata");
    return new SealedSecret(
        meta,
        scope,
        fields.string(spec, "serviceAccount", "spec.serviceAccount"),
        encrypted,
        new SealedSecret.Template(
            fields.stringMap(templateMeta, "labels", "spec.template.metadata.labels"),
            fields.stringMap(templateMeta, "annotations", "spec.template.metadata.annotations"),
            fields.string(template, "type", "spec.template.type"),
            fields.bool(template, "immutable", "spec.template.immutable")));
  }
}
