package dev.sealwright.cli.values;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.Scalars;
import dev.sealwright.cli.manifest.YamlDocuments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A Helm values file (YAML or JSON, one document) whose leaves may be Sealwright envelopes (format
 * in {@code docs/cli.md}, "Sealed values files"). Lists its leaves with their paths and positions,
 * and replaces leaf scalars while every other byte of the text stays as it was: comments, key
 * order, quoting and blank lines. Immutable; {@link #replace} returns the new text.
 */
public final class SealedValuesFile {
  /** The prefix every envelope starts with; a leaf holding one is sealed. */
  public static final String ENVELOPE_PREFIX = "sw1:";

  private final String text;
  private final String source;
  private final List<Leaf> leaves;
  private final Set<Leaf> leafSet;
  private final List<Entry> entries;
  private final boolean flowRoot;

  /**
   * One scalar under a map key, in document order.
   *
   * @param path the map keys (and list indexes, as decimal strings) from the root to this leaf
   * @param value the scalar's string, or null for an empty or {@code null} leaf
   * @param start char offset of the scalar's first character (its quote, if quoted)
   * @param end char offset just past the scalar (past its closing quote or block's last line feed)
   * @param inList whether a list lies on the path: such a leaf has no key of its own to bind to
   * @param inFlow whether the scalar sits inside a flow ({@code {}} / {@code []}) collection, as
   *     every JSON value does
   * @param replaceable whether {@link #replace} can rewrite this leaf in place: not an empty leaf
   *     ({@code key:}, no characters of its own) nor a block scalar whose indicator starts its own
   *     line (a quoted string there would read as a new key)
   */
  public record Leaf(
      List<String> path,
      String value,
      int start,
      int end,
      DumperOptions.ScalarStyle style,
      boolean inList,
      boolean inFlow,
      boolean replaceable) {
    public Leaf {
      path = List.copyOf(path);
    }

    /** The map key the leaf sits under: the item its envelope is bound to. */
    public String key() {
      return path.getLast();
    }

    /** The path with '.' between keys, as {@code --path} takes it. */
    public String dotted() {
      return String.join(".", path);
    }

    public boolean sealed() {
      return value != null && value.startsWith(ENVELOPE_PREFIX);
    }

    /** Whether this leaf is {@code prefix} or lies under it. */
    public boolean under(List<String> prefix) {
      return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }
  }

  /**
   * A top-level entry's text: from its key to the end of its value's last scalar (or closing
   * bracket), not counting comments or blank lines after it.
   */
  private record Entry(String key, int keyStart, int valueEnd) {}

  private SealedValuesFile(
      String text, String source, List<Leaf> leaves, List<Entry> entries, boolean flowRoot) {
    this.text = text;
    this.source = source;
    this.leaves = Collections.unmodifiableList(leaves);
    this.leafSet = new HashSet<>(leaves);
    this.entries = List.copyOf(entries);
    this.flowRoot = flowRoot;
  }

  /**
   * Parses {@code text}.
   *
   * @param source how errors name the file
   * @throws CliException if it is not one YAML or JSON document whose root is a map, or uses
   *     duplicate keys, anchors, aliases or tags on scalars
   */
  public static SealedValuesFile parse(String text, String source) {
    refuseUnicodeLineBreaks(text, source);
    List<Node> docs = YamlDocuments.compose(text, source);
    if (docs.size() > 1) {
      throw CliException.failed(
          source + " holds " + docs.size() + " YAML documents",
          "a values file is one document; split it into one file per document");
    }
    List<Leaf> leaves = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    boolean flowRoot = false;
    if (!docs.isEmpty()) {
      if (!(docs.getFirst() instanceof MappingNode root)) {
        throw CliException.failed(
            source + " is not a map of values", "a Helm values file maps keys to values");
      }
      Walker walker = new Walker(text, source, leaves);
      walker.map(root, new ArrayList<>(), false, false);
      flowRoot = root.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
      for (NodeTuple t : root.getValue()) {
        entries.add(
            new Entry(
                ((ScalarNode) t.getKeyNode()).getValue(),
                walker.offset(t.getKeyNode().getStartMark().getIndex()),
                walker.contentEnd(t.getValueNode())));
      }
    }
    return new SealedValuesFile(text, source, leaves, entries, flowRoot);
  }

  public String text() {
    return text;
  }

  public String source() {
    return source;
  }

  /** Every scalar leaf, in document order. */
  public List<Leaf> leaves() {
    return leaves;
  }

  /**
   * The text with each given leaf's scalar replaced by its new string; every other byte is kept. A
   * new string is written plain where every YAML reader takes it as that string (envelopes always
   * are), else double-quoted; inside flow collections it is always double-quoted (a JSON string, so
   * a JSON file stays JSON). So a value is written the same way whatever the scalar held before. A
   * block scalar's trailing line feeds and blank lines are kept.
   *
   * @param replacements leaves of this file to their new strings; each {@link Leaf#replaceable}
   */
  public String replace(Map<Leaf, String> replacements) {
    List<Map.Entry<Leaf, String>> sorted = new ArrayList<>(replacements.entrySet());
    sorted.sort(Comparator.comparingInt(e -> e.getKey().start()));
    StringBuilder sb = new StringBuilder(text.length());
    int at = 0;
    for (Map.Entry<Leaf, String> e : sorted) {
      Leaf leaf = e.getKey();
      if (!leafSet.contains(leaf) || leaf.start() < at || !leaf.replaceable()) {
        throw new IllegalArgumentException("not a replaceable leaf: " + leaf.dotted());
      }
      String tail = blockTail(leaf);
      int end = leaf.end();
      char next = !tail.isEmpty() ? '\n' : end < text.length() ? text.charAt(end) : '\n';
      boolean plainFits = !leaf.inFlow() && " \t\r\n".indexOf(next) >= 0;
      String written = plainFits ? Scalars.yaml(e.getValue()) : Scalars.json(e.getValue());
      sb.append(text, at, leaf.start()).append(written).append(tail);
      if (written.startsWith("\"")) {
        // Some readers (SnakeYAML among them) refuse a tab after a quoted scalar on its line.
        for (; end < text.length() && " \t".indexOf(text.charAt(end)) >= 0; end++) {
          sb.append(' ');
        }
      }
      at = end;
    }
    return sb.append(text, at, text.length()).toString();
  }

  /**
   * This file without the top-level entry {@code key} (SOPS' {@code sops} metadata, say), and every
   * other byte as it was: in a block map, the entry's lines (its key's line to the end of its
   * value's last line, with a comment at the end of that line); in a flow map ({@code {...}},
   * JSON), the entry with the comma that separates it from its neighbour. The file itself if it has
   * no such key.
   */
  public SealedValuesFile withoutKey(String key) {
    int i = 0;
    while (i < entries.size() && !entries.get(i).key().equals(key)) {
      i++;
    }
    if (i == entries.size()) {
      return this;
    }
    Entry entry = entries.get(i);
    int from;
    int to;
    if (flowRoot) {
      boolean last = i == entries.size() - 1;
      from = i > 0 && last ? entries.get(i - 1).valueEnd() : entry.keyStart();
      to = last ? entry.valueEnd() : entries.get(i + 1).keyStart();
    } else {
      from = entry.keyStart();
      while (from > 0 && " \t".indexOf(text.charAt(from - 1)) >= 0) {
        from--;
      }
      if (from > 0 && "\r\n".indexOf(text.charAt(from - 1)) < 0) {
        from = entry.keyStart(); // something precedes the key on its line ("--- key:")
      }
      to = entry.valueEnd();
      if (to == from || "\r\n".indexOf(text.charAt(to - 1)) < 0) {
        while (to < text.length() && "\r\n".indexOf(text.charAt(to)) < 0) {
          to++;
        }
        if (to < text.length() && text.charAt(to) == '\r') {
          to++;
        }
        if (to < text.length() && text.charAt(to) == '\n') {
          to++;
        }
      }
    }
    return checkedCut(key, from, to);
  }

  /**
   * The file without {@code [from, to)}, checked to hold exactly the leaves of the other entries:
   * layouts where the cut would take more or less (explicit {@code ?} keys, say) are refused.
   */
  private SealedValuesFile checkedCut(String key, int from, int to) {
    List<Leaf> expected = leaves.stream().filter(l -> !l.path().getFirst().equals(key)).toList();
    SealedValuesFile cut;
    try {
      cut = parse(text.substring(0, from) + text.substring(to), source);
    } catch (CliException e) {
      cut = null;
    }
    boolean same = cut != null && cut.leaves.size() == expected.size();
    for (int i = 0; same && i < expected.size(); i++) {
      Leaf before = expected.get(i);
      Leaf after = cut.leaves.get(i);
      same = before.path().equals(after.path()) && Objects.equals(before.value(), after.value());
    }
    if (!same) {
      throw CliException.failed(
          source
              + ": its top-level '"
              + key
              + "' entry cannot be removed leaving the rest as it is",
          "write its keys plainly ('key: value', no '?' keys), or remove the entry by hand");
    }
    return cut;
  }

  /** The line breaks (blank lines) a block scalar's region ends with, which are layout. */
  private String blockTail(Leaf leaf) {
    if (!isBlock(leaf.style())) {
      return "";
    }
    int content = leaf.end();
    while (content > leaf.start() && " \t\r\n".indexOf(text.charAt(content - 1)) >= 0) {
      content--;
    }
    for (int i = content; i < leaf.end(); i++) {
      if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        // Only the line breaks: a blank line ending in a tab reads as a token once the block is
        // gone.
        return text.substring(i, leaf.end()).replaceAll("[ \t]", "");
      }
    }
    return "";
  }

  private static boolean isBlock(DumperOptions.ScalarStyle style) {
    return style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
  }

  /** Collects the leaves of the node tree, checking what a leaf edit could not keep intact. */
  private static final class Walker {
    private final String text;
    private final String source;
    private final List<Leaf> leaves;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final boolean astral;

    Walker(String text, String source, List<Leaf> leaves) {
      this.text = text;
      this.source = source;
      this.leaves = leaves;
      this.astral = text.codePointCount(0, text.length()) != text.length();
    }

    void map(MappingNode node, List<String> path, boolean inList, boolean inFlow) {
      visit(node, path);
      boolean flow = inFlow || node.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
      Set<String> keys = new HashSet<>();
      for (NodeTuple tuple : node.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getValue() == null) {
          throw fail(path, "has a key that is not a string");
        }
        String key = keyNode.getValue();
        if (!keys.add(key)) {
          throw fail(path, "has the key '" + key + "' twice");
        }
        List<String> child = new ArrayList<>(path);
        child.add(key);
        value(tuple.getValueNode(), child, inList, flow);
      }
    }

    private void value(Node node, List<String> path, boolean inList, boolean inFlow) {
      switch (node) {
        case MappingNode m -> map(m, path, inList, inFlow);
        case SequenceNode s -> {
          visit(s, path);
          boolean flow = inFlow || s.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
          for (int i = 0; i < s.getValue().size(); i++) {
            List<String> child = new ArrayList<>(path);
            child.add(Integer.toString(i));
            value(s.getValue().get(i), child, true, flow);
          }
        }
        case ScalarNode scalar -> leaf(scalar, path, inList, inFlow);
        default -> throw fail(path, "is not a map, list or string");
      }
    }

    private void leaf(ScalarNode node, List<String> path, boolean inList, boolean inFlow) {
      visit(node, path);
      int start = offset(node.getStartMark().getIndex());
      int end = offset(node.getEndMark().getIndex());
      if (start < end && (text.charAt(start) == '&' || text.charAt(start) == '!')) {
        throw fail(path, "carries a YAML anchor or tag");
      }
      // An empty plain scalar (`key:`) is null in our resolver; it has no text to replace.
      String value = node.getTag().getValue().endsWith(":null") ? null : node.getValue();
      boolean replaceable = end > start && !(isBlock(node.getScalarStyle()) && startsLine(start));
      leaves.add(
          new Leaf(path, value, start, end, node.getScalarStyle(), inList, inFlow, replaceable));
    }

    private boolean startsLine(int offset) {
      for (int i = offset - 1; i >= 0; i--) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r') {
          return true;
        }
        if (c != ' ' && c != '\t') {
          return false;
        }
      }
      return true;
    }

    private void visit(Node node, List<String> path) {
      if (!seen.add(node)) {
        throw fail(path, "is a YAML alias");
      }
    }

    /**
     * Where {@code node}'s own text ends: a block collection's end mark lies past the comments and
     * blank lines that follow it, so it ends where its last value does.
     */
    int contentEnd(Node node) {
      boolean flow =
          switch (node) {
            case MappingNode m -> m.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
            case SequenceNode s -> s.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
            default -> true;
          };
      if (!flow
          && !(node instanceof MappingNode m0 && m0.getValue().isEmpty())
          && !(node instanceof SequenceNode s0 && s0.getValue().isEmpty())) {
        Node last =
            node instanceof MappingNode m
                ? m.getValue().getLast().getValueNode()
                : ((SequenceNode) node).getValue().getLast();
        return contentEnd(last);
      }
      return offset(node.getEndMark().getIndex());
    }

    /** SnakeYAML's marks count code points; Java strings count UTF-16 chars. */
    int offset(int codePoints) {
      return astral ? text.offsetByCodePoints(0, codePoints) : codePoints;
    }

    private CliException fail(List<String> path, String problem) {
      String where = path.isEmpty() ? "the root" : "'" + String.join(".", path) + "'";
      return CliException.failed(
          source + ": " + where + " " + problem,
          "sealed values files use plain maps, lists and strings; write the value out in full");
    }
  }

  /**
   * Refuses NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR written raw: YAML 1.1 (SnakeYAML, which
   * finds the leaves) breaks lines at them and YAML 1.2 (Go's reader in Helm) does not, so the two
   * would see different scalars and a layout-keeping edit could not be right for both. Escaped in a
   * double-quoted scalar ({@code "\u2028"}) they are fine.
   */
  private static void refuseUnicodeLineBreaks(String text, String source) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
        long line = text.substring(0, i).chars().filter(ch -> ch == '\n').count() + 1;
        throw CliException.failed(
            source
                + " has a raw U+"
                + String.format(java.util.Locale.ROOT, "%04X", (int) c)
                + " line break at line "
                + line
                + ", which YAML readers disagree on",
            "write it escaped in a double-quoted string (\"\\u"
                + String.format(java.util.Locale.ROOT, "%04x", (int) c)
                + "\"), or remove it");
      }
    }
  }
}
