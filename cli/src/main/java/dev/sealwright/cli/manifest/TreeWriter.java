package dev.sealwright.cli.manifest;

import java.util.List;
import java.util.Map;

/**
 * Writes a tree of ordered maps, lists, strings and booleans as YAML (block style) or JSON, in one
 * deterministic layout: the same tree always gives the same bytes.
 */
public final class TreeWriter {
  private TreeWriter() {}

  public static String yaml(Map<String, Object> tree, boolean literalBlocks) {
    StringBuilder sb = new StringBuilder();
    yamlMap(sb, tree, 0, literalBlocks);
    return sb.toString();
  }

  private static void yamlMap(StringBuilder sb, Map<String, Object> map, int indent, boolean lit) {
    String pad = " ".repeat(indent);
    for (Map.Entry<String, Object> e : map.entrySet()) {
      sb.append(pad).append(Scalars.yaml(e.getKey())).append(':');
      Object value = e.getValue();
      if (value instanceof Map<?, ?> child) {
        if (child.isEmpty()) {
          sb.append(" {}\n");
        } else {
          sb.append('\n');
          yamlMap(sb, cast(child), indent + 2, lit);
        }
      } else if (value instanceof Boolean b) {
        sb.append(' ').append(b).append('\n');
      } else if (value instanceof String s) {
        if (lit && LiteralBlock.fits(s)) {
          LiteralBlock.append(sb, s, indent + 2);
        } else {
          sb.append(' ').append(Scalars.yaml(s)).append('\n');
        }
      } else {
        throw new IllegalArgumentException("unsupported YAML value: " + value.getClass());
      }
    }
  }

  public static String json(Object tree) {
    StringBuilder sb = new StringBuilder();
    json(sb, tree, 0);
    return sb.append('\n').toString();
  }

  private static void json(StringBuilder sb, Object value, int indent) {
    String pad = " ".repeat(indent + 2);
    switch (value) {
      case Map<?, ?> map when map.isEmpty() -> sb.append("{}");
      case Map<?, ?> map -> {
        sb.append("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : TreeWriter.<Object>cast(map).entrySet()) {
          sb.append(pad).append(Scalars.json(e.getKey())).append(": ");
          json(sb, e.getValue(), indent + 2);
          sb.append(++i < map.size() ? ",\n" : "\n");
        }
        sb.append(" ".repeat(indent)).append('}');
      }
      case List<?> list when list.isEmpty() -> sb.append("[]");
      case List<?> list -> {
        sb.append("[\n");
        for (int i = 0; i < list.size(); i++) {
          sb.append(pad);
          json(sb, list.get(i), indent + 2);
          sb.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        sb.append(" ".repeat(indent)).append(']');
      }
      case null -> sb.append("null"); // a JSON merge patch removes a field with it
      case Boolean b -> sb.append(b);
      case Number n -> sb.append(n);
      case String s -> sb.append(Scalars.json(s));
      default -> throw new IllegalArgumentException("unsupported JSON value: " + value.getClass());
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> cast(Map<?, ?> map) {
    return (Map<String, V>) map;
  }

  /** YAML literal block scalars, so multi-line values read naturally in an editor. */
  private static final class LiteralBlock {
    static boolean fits(String s) {
      if (!s.contains("\n") || s.startsWith(" ") || s.startsWith("\n")) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != '\n' && Scalars.needsEscape(c)) {
          return false;
        }
      }
      // Trailing spaces before a line feed survive a literal block; a lone trailing line of spaces
      // would be read as indentation, so fall back to a quoted string there.
      return !s.matches("(?s).*\n +\n*");
    }

    static void append(StringBuilder sb, String s, int indent) {
      // "|-" strips the final line feed, "|" keeps one, "|+" keeps them all.
      String chomp = !s.endsWith("\n") ? "-" : s.endsWith("\n\n") ? "+" : "";
      String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      sb.append(" |").append(chomp).append('\n');
      String pad = " ".repeat(indent);
      for (String line : body.split("\n", -1)) {
        sb.append(line.isEmpty() ? "" : pad + line).append('\n');
      }
    }
  }
}
