package dev.sealwright.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.manifest.YamlDocuments;
import java.util.List;
import java.util.Map;

/** Reads a command's JSON output back (JSON is YAML; every scalar comes back a string). */
final class Json {
  private Json() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String out) {
    List<Object> docs = YamlDocuments.load(out, "output");
    assertThat(docs).as("one JSON document").hasSize(1);
    return (Map<String, Object>) docs.getFirst();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> doc, String key) {
    return (List<Map<String, Object>>) doc.get(key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> doc, String key) {
    return (Map<String, Object>) doc.get(key);
  }
}
