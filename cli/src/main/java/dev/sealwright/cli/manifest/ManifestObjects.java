package dev.sealwright.cli.manifest;

import java.util.List;
import java.util.Map;

/**
 * Walks the Kubernetes objects of a manifest file: every document, and the items of a {@code kind:
 * List} in place of the List, so both readers name the same place in their messages.
 */
public final class ManifestObjects {
  /** Receives one object (never a List), its {@code kind} (may be null) and where it stands. */
  public interface Visitor {
    void visit(Map<String, Object> object, String kind, Fields fields);
  }

  private ManifestObjects() {}

  public static void walk(String text, String source, Visitor visitor) {
    List<Object> documents = YamlDocuments.load(text, source);
    for (int i = 0; i < documents.size(); i++) {
      String where = documents.size() == 1 ? source : source + ", document " + (i + 1);
      walk(documents.get(i), new Fields(where), visitor);
    }
  }

  private static void walk(Object document, Fields fields, Visitor visitor) {
    Map<String, Object> object = fields.map(document, "the document");
    String kind = fields.string(object, "kind", "kind");
    if ("List".equals(kind)) {
      List<?> items = fields.list(object.get("items"), "items");
      for (int i = 0; i < items.size(); i++) {
        walk(items.get(i), new Fields(fields.where() + ", items[" + i + "]"), visitor);
      }
      return;
    }
    visitor.visit(object, kind, fields);
  }
}
