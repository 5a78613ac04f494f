package dev.sealwright.cli.manifest;

import dev.sealwright.cli.CliException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Typed reads from a loaded YAML tree, failing with the field's path in the message. */
public final class Fields {
  private final String where;

  /**
   * @param where names the document in messages, such as {@code "secret.yaml, document 2"}
   */
  Fields(String where) {
    this.where = where;
  }

  public String where() {
    return where;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(Object value, String path) {
    if (value == null) {
      return Collections.emptyMap();
    }
    if (value instanceof Map<?, ?> m) {
      for (Object key : m.keySet()) {
        if (!(key instanceof String)) {
          throw invalid(path, "has a key that is not a string");
        }
      }
      return (Map<String, Object>) m;
    }
    throw invalid(path, "must be a mapping");
  }

  public Map<String, Object> map(Map<String, Object> parent, String key, String path) {
    return map(parent.get(key), path);
  }

  public List<?> list(Object value, String path) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return l;
    }
    throw invalid(path, "must be a list");
  }

  /** The string at {@code key}, or null when absent. */
  public String string(Map<String, Object> parent, String key, String path) {
    Object value = parent.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw invalid(path, "must be a string");
  }

  /** A map of strings (labels, annotations, stringData), sorted by key. */
  public SortedMap<String, String> stringMap(Map<String, Object> parent, String key, String path) {
    SortedMap<String, String> result = new TreeMap<>();
    for (Map.Entry<String, Object> e : map(parent.get(key), path).entrySet()) {
      Object value = e.getValue();
      if (value != null && !(value instanceof String)) {
        throw invalid(path + "." + e.getKey(), "must be a string");
      }
      result.put(e.getKey(), value == null ? "" : (String) value);
    }
    return result;
  }

  public Boolean bool(Map<String, Object> parent, String key, String path) {
    String value = string(parent, key, path);
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw invalid(path, "must be true or false");
    };
  }

  public CliException invalid(String path, String problem) {
    return CliException.failed(
        where + ": " + path + " " + problem, "fix the manifest and try again");
  }
}
