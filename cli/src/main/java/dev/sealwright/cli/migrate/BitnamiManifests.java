package dev.sealwright.cli.migrate;

import dev.sealwright.cli.manifest.Fields;
import dev.sealwright.cli.manifest.ManifestObjects;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Scope;
import dev.sealwright.wire.WireNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sorts the objects of one manifest file into Bitnami SealedSecrets that can be converted, objects
 * to leave alone, and Bitnami SealedSecrets that use what Sealwright cannot express.
 */
final class BitnamiManifests {
  /** One object of a file and what becomes of it. */
  sealed interface Entry {
    String where();
  }

  record Convertible(String where, BitnamiSealedSecret secret) implements Entry {}

  /** Not for this command (another kind, or already Sealwright): reported, not a failure. */
  record Skipped(String where, String reason) implements Entry {}

  /** A Bitnami SealedSecret that cannot be converted faithfully: a failure. */
  record Unsupported(String where, String reason) implements Entry {}

  private static final Set<String> TEMPLATE_METADATA_FIELDS =
      Set.of("name", "namespace", "labels", "annotations", "creationTimestamp");
  private static final Set<String> SPEC_FIELDS = Set.of("encryptedData", "template");
  private static final Set<String> TEMPLATE_FIELDS = Set.of("metadata", "type", "immutable");
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private BitnamiManifests() {}

  /**
   * @param defaultNamespace fills in a missing {@code metadata.namespace}; null for none
   */
  static List<Entry> read(String text, String source, String defaultNamespace) {
    List<Entry> entries = new ArrayList<>();
    ManifestObjects.walk(
        text,
        source,
        (object, kind, fields) -> {
          String apiVersion = fields.string(object, "apiVersion", "apiVersion");
          if (!"SealedSecret".equals(kind)) {
            entries.add(
                new Skipped(
                    fields.where(),
                    (kind == null ? "not a Kubernetes object" : "a " + kind)
                        + ", not a SealedSecret"));
          } else if (WireNames.API_VERSION.equals(apiVersion)) {
            entries.add(new Skipped(fields.where(), "already a Sealwright SealedSecret"));
          } else if (!BitnamiSealedSecret.API_VERSION.equals(apiVersion)) {
            entries.add(
                new Skipped(fields.where(), "a SealedSecret of unknown apiVersion " + apiVersion));
          } else {
            entries.add(entry(object, fields, defaultNamespace));
          }
        });
    return entries;
  }

  private static Entry entry(Map<String, Object> object, Fields fields, String defaultNamespace) {
    Map<String, Object> metadata = fields.map(object, "metadata", "metadata");
    String name = fields.string(metadata, "name", "metadata.name");
    String namespace = fields.string(metadata, "namespace", "metadata.namespace");
    if (namespace == null) {
      namespace = defaultNamespace;
    }
    String where = fields.where() + " (" + ObjectMeta.named(name, namespace).displayName() + ")";
    Map<String, Object> spec = fields.map(object, "spec", "spec");
    Map<String, Object> template = fields.map(spec, "template", "spec.template");
    Map<String, Object> templateMeta = fields.map(template, "metadata", "spec.template.metadata");
    String unsupported = unsupportedField(spec, template, templateMeta);
    if (unsupported != null) {
      return new Unsupported(where, unsupported);
    }
    if (name == null) {
      return new Unsupported(where, "metadata.name is missing");
    }

    SortedMap<String, String> annotations =
        fields.stringMap(metadata, "annotations", "metadata.annotations");
    // The controller reads the scope from the SealedSecret's own annotations, cluster-wide first.
    Scope scope =
        "true".equals(annotations.get(BitnamiSealedSecret.CLUSTER_WIDE))
            ? Scope.CLUSTER
            : "true".equals(annotations.get(BitnamiSealedSecret.NAMESPACE_WIDE))
                ? Scope.NAMESPACE
                : Scope.STRICT;
    if (scope != Scope.CLUSTER && namespace == null) {
      return new Unsupported(
          where,
          "metadata.namespace is missing; its values are bound to a namespace (pass -n NAMESPACE)");
    }
    List<String> dropped = new ArrayList<>();
    SortedMap<String, String> kept = withoutBitnami(annotations, "metadata.annotations", dropped);

    SortedMap<String, String> templateAnnotations =
        fields.stringMap(templateMeta, "annotations", "spec.template.metadata.annotations");
    boolean patch = "true".equals(templateAnnotations.get(BitnamiSealedSecret.PATCH));
    boolean keepSecret =
        "true".equals(templateAnnotations.get(BitnamiSealedSecret.SKIP_SET_OWNER_REFERENCES));
    SortedMap<String, String> templateKept = new TreeMap<>(templateAnnotations);
    templateKept.remove(BitnamiSealedSecret.PATCH);
    templateKept.remove(BitnamiSealedSecret.SKIP_SET_OWNER_REFERENCES);
    templateKept = withoutBitnami(templateKept, "spec.template.metadata.annotations", dropped);
    SortedMap<String, String> templateLabels =
        fields.stringMap(templateMeta, "labels", "spec.template.metadata.labels");
    for (String key : concat(templateKept, templateLabels)) {
      if (WireNames.reserved(key)) {
        return new Unsupported(
            where,
            "the template sets "
                + key
                + ", which is reserved for the Sealwright operator; remove it first");
      }
    }

    SortedMap<String, String> encrypted = new TreeMap<>();
    for (Map.Entry<String, Object> e :
        fields.map(spec, "encryptedData", "spec.encryptedData").entrySet()) {
      if (!(e.getValue() instanceof String value)) {
        return new Unsupported(where, "spec.encryptedData." + e.getKey() + " is not a string");
      }
      encrypted.put(e.getKey(), value);
    }
    ObjectMeta meta =
        new ObjectMeta(
            name, namespace, fields.stringMap(metadata, "labels", "metadata.labels"), kept);
    SealedSecret.Template converted =
        new SealedSecret.Template(
            templateLabels,
            templateKept,
            fields.string(template, "type", "spec.template.type"),
            fields.bool(template, "immutable", "spec.template.immutable"));
    return new Convertible(
        where,
        new BitnamiSealedSecret(meta, scope, encrypted, converted, patch, keepSecret, dropped));
  }

  /** Names the first field Sealwright cannot reproduce, or null. */
  private static String unsupportedField(
      Map<String, Object> spec, Map<String, Object> template, Map<String, Object> templateMeta) {
    if (spec.get("data") != null) {
      return "spec.data is the pre-0.6 whole-Secret format; re-seal it with a current kubeseal"
          + " (encryptedData) first";
    }
    if (template.get("data") != null) {
      return "spec.template.data (Go templates over the values) is not supported; render those"
          + " values into items of their own with kubeseal first";
    }
    for (String key : spec.keySet()) {
      if (!SPEC_FIELDS.contains(key)) {
        return "spec." + key + " is not supported";
      }
    }
    for (String key : template.keySet()) {
      if (!TEMPLATE_FIELDS.contains(key)) {
        return "spec.template." + key + " is not supported";
      }
    }
    for (Map.Entry<String, Object> e : templateMeta.entrySet()) {
      if (!TEMPLATE_METADATA_FIELDS.contains(e.getKey()) && e.getValue() != null) {
        return "spec.template.metadata." + e.getKey() + " is not supported";
      }
    }
    return null;
  }

  private static SortedMap<String, String> withoutBitnami(
      SortedMap<String, String> annotations, String path, List<String> dropped) {
    SortedMap<String, String> kept = new TreeMap<>();
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      if (e.getKey().equals(BitnamiSealedSecret.CLUSTER_WIDE)
          || e.getKey().equals(BitnamiSealedSecret.NAMESPACE_WIDE)) {
        continue; // became the scope
      }
      if (e.getKey().startsWith(BitnamiSealedSecret.ANNOTATION_PREFIX)) {
        dropped.add(path + "." + e.getKey());
      } else if (!e.getKey().equals(LAST_APPLIED)) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    return kept;
  }

  private static List<String> concat(Map<String, String> a, Map<String, String> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }
}
