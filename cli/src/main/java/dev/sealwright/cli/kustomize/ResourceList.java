package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.Fields;
import dev.sealwright.cli.manifest.TreeWriter;
import dev.sealwright.cli.manifest.YamlDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KRM function wire format: kustomize writes a {@code config.kubernetes.io/v1 ResourceList}
 * ({@code items} and the {@code functionConfig}) to the function's standard input and reads one
 * back from its standard output, with {@code results} for what the function reports.
 *
 * @param items the resources given to the function, as loaded (YAML 1.2 types kept, so a resource
 *     written back is the one kustomize gave)
 * @param functionConfig the object that names the function in kustomization.yaml
 */
public record ResourceList(List<Map<String, Object>> items, Map<String, Object> functionConfig) {
  static final String API_VERSION = "config.kubernetes.io/v1";
  static final String KIND = "ResourceList";

  /** Set by kustomize on the functionConfig it passes as the one item of a generator's input. */
  static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";

  public ResourceList {
    items = List.copyOf(items);
  }

  public static ResourceList read(String text) {
    List<Object> documents = YamlDocuments.loadTyped(text, "the ResourceList on standard input");
    Fields fields = new Fields("the ResourceList on standard input");
    if (documents.size() != 1) {
      throw notAResourceList();
    }
    Map<String, Object> root = fields.map(documents.getFirst(), "the document");
    if (!KIND.equals(root.get("kind")) || !API_VERSION.equals(root.get("apiVersion"))) {
      throw notAResourceList();
    }
    List<Map<String, Object>> items = new ArrayList<>();
    List<?> list = fields.list(root.get("items"), "items");
    for (int i = 0; i < list.size(); i++) {
      items.add(fields.map(list.get(i), "items[" + i + "]"));
    }
    return new ResourceList(items, fields.map(root, "functionConfig", "functionConfig"));
  }

  /** The items that are not kustomize's copy of the functionConfig. */
  public List<Map<String, Object>> resources() {
    return items.stream().filter(item -> !isLocalConfig(item)).toList();
  }

  private static boolean isLocalConfig(Map<String, Object> item) {
    return item.get("metadata") instanceof Map<?, ?> meta
        && meta.get("annotations") instanceof Map<?, ?> annotations
        && "true".equals(String.valueOf(annotations.get(LOCAL_CONFIG)));
  }

  /** A ResourceList of {@code items} (JSON, which kustomize reads as YAML). */
  public static String write(List<Map<String, Object>> items) {
    return TreeWriter.json(root(items));
  }

  /** A ResourceList with no items and one error result, for kustomize to show. */
  public static String error(String message) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("message", message);
    result.put("severity", "error");
    Map<String, Object> root = root(List.of());
    root.put("results", List.of(result));
    return TreeWriter.json(root);
  }

  private static Map<String, Object> root(List<Map<String, Object>> items) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", API_VERSION);
    root.put("kind", KIND);
    root.put("items", new ArrayList<Object>(items));
    return root;
  }

  private static CliException notAResourceList() {
    return CliException.usage(
        "standard input is not a KRM ResourceList (apiVersion: config.kubernetes.io/v1)",
        "this command is a kustomize function: kustomize build --enable-alpha-plugins"
            + " --enable-exec runs it (see docs/gitops.md#kustomize)");
  }
}
