package dev.sealwright.cli.manifest;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The metadata Sealwright keeps of a Kubernetes object.
 *
 * @param name null if the manifest has none
 * @param namespace null if the manifest has none
 */
public record ObjectMeta(
    String name,
    String namespace,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations) {

  public ObjectMeta {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  public static ObjectMeta named(String name, String namespace) {
    return new ObjectMeta(name, namespace, new TreeMap<>(), new TreeMap<>());
  }

  /** {@code namespace/name}, or just the name when there is no namespace, for messages. */
  public String displayName() {
    String n = name == null ? "(unnamed)" : name;
    return namespace == null ? n : namespace + "/" + n;
  }

  public ObjectMeta withNamespace(String namespace) {
    return new ObjectMeta(name, namespace, labels, annotations);
  }
}
