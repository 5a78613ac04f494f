package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.SealedSecret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code behavior: merge}, done by the function itself: kustomize's own merge of generated objects
 * merges only {@code data} (of Secrets and ConfigMaps), so it would silently drop a base
 * SealedSecret's {@code spec.encryptedData}. Listed under {@code transformers:}, the function sees
 * the base's SealedSecret and adds or replaces its items there, keeping every other item as it was.
 */
final class SealedSecretMerge {
  private SealedSecretMerge() {}

  static List<Map<String, Object>> into(List<Map<String, Object>> resources, SealedSecret add) {
    List<Map<String, Object>> output = new ArrayList<>();
    boolean merged = false;
    for (Map<String, Object> resource : resources) {
      if (isTarget(resource, add)) {
        output.add(merge(resource, add));
        merged = true;
      } else {
        output.add(resource);
      }
    }
    if (!merged) {
      throw CliException.failed(
          "behavior: merge found no SealedSecret "
              + add.meta().displayName()
              + " to merge into among the resources it was given",
          "list this file under transformers: (generators: see no other resources) in an overlay"
              + " whose resources hold that SealedSecret");
    }
    return output;
  }

  private static boolean isTarget(Map<String, Object> resource, SealedSecret add) {
    return SealedSecret.KIND.equals(resource.get("kind"))
        && SealedSecret.API_VERSION.equals(resource.get("apiVersion"))
        && resource.get("metadata") instanceof Map<?, ?> meta
        && add.meta().name().equals(meta.get("name"))
        && Objects.equals(add.meta().namespace(), meta.get("namespace"));
  }

  private static Map<String, Object> merge(Map<String, Object> resource, SealedSecret add) {
    Map<String, Object> spec = child(resource, "spec");
    String scope = String.valueOf(spec.get("scope"));
    Object serviceAccount = spec.get("serviceAccount");
    if (!add.scope().wireName().equals(scope)
        || !Objects.equals(add.serviceAccount(), serviceAccount)) {
      throw CliException.failed(
          "behavior: merge: SealedSecret "
              + add.meta().displayName()
              + " has scope "
              + scope
              + (serviceAccount == null ? "" : " and service account " + serviceAccount)
              + ", but the merged items are sealed otherwise",
          "seal the merged items with the SealedSecret's scope and service account");
    }
    Map<String, Object> encrypted = child(spec, "encryptedData");
    encrypted.putAll(add.encryptedData());
    SealedSecret.Template template = add.template();
    if (!template.isEmpty()) {
      Map<String, Object> t = child(spec, "template");
      Map<String, Object> meta = child(t, "metadata");
      if (!template.labels().isEmpty()) {
        child(meta, "labels").putAll(template.labels());
      }
      if (!template.annotations().isEmpty()) {
        child(meta, "annotations").putAll(template.annotations());
      }
      if (meta.isEmpty()) {
        t.remove("metadata");
      }
      if (template.type() != null) {
        t.put("type", template.type());
      }
      if (template.immutable() != null) {
        t.put("immutable", template.immutable());
      }
    }
    return resource;
  }

  /** The mapping at {@code key}, created when absent (the loaded tree is mutable). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    if (value != null) {
      throw CliException.failed(
          "behavior: merge: the SealedSecret's " + key + " is not a mapping",
          "fix the base's SealedSecret");
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }
}
