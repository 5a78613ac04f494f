package dev.sealwright.cli.sops;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.YamlDocuments;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses the three SOPS stores into {@link SourceNode} trees, keeping the order and the scalar
 * types SOPS sees. Messages carry line and column only, never a scalar: it may be plaintext.
 */
final class SopsParser {
  static final String METADATA_KEY = "sops";
  private static final String DOTENV_PREFIX = "sops_";
  private static final int MAX_NODES = 200_000;
  private static final Pattern FLAT_STEP = Pattern.compile("__(map|list)_");

  /**
   * @param metadata the {@code sops} mapping (for dotenv, its {@code sops_} lines unflattened), or
   *     null when the file has none: it is not SOPS-encrypted
   */
  record Parsed(List<SourceNode> documents, SourceNode.Mapping metadata) {}

  private SopsParser() {}

  static Parsed parse(String text, SopsFormat format, String source) {
    return format == SopsFormat.DOTENV
        ? dotenv(text, source)
        : yaml(text, source, format == SopsFormat.JSON);
  }

  /**
   * Also for JSON, which is YAML here. SOPS' JSON store reads every number as a float64, so {@code
   * json} types integers as floats (which changes the MAC's bytes beyond 2^53).
   */
  private static Parsed yaml(String text, String source, boolean json) {
    Yaml yaml = YamlDocuments.parser(new NoImplicitTypes());
    List<SourceNode> documents = new ArrayList<>();
    SourceNode.Mapping metadata = null;
    int[] budget = {MAX_NODES};
    try {
      for (Node node : yaml.composeAll(new StringReader(text))) {
        SourceNode doc = convert(node, budget, source, json);
        if (doc instanceof SourceNode.Mapping m && m.get(METADATA_KEY) != null) {
          // As SOPS: the metadata of the first document counts; the key is removed from all.
          if (documents.isEmpty()) {
            if (!(m.get(METADATA_KEY) instanceof SourceNode.Mapping meta)) {
              throw CliException.failed(
                  source + ": the 'sops' entry is not a mapping",
                  "restore the file from Git; SOPS writes its metadata as a mapping");
            }
            metadata = meta;
          }
          doc =
              new SourceNode.Mapping(
                  m.fields().stream().filter(f -> !f.key().equals(METADATA_KEY)).toList());
        }
        documents.add(doc);
      }
    } catch (YAMLException | IllegalArgumentException e) {
      throw YamlDocuments.invalid(e, source);
    }
    return new Parsed(documents, metadata);
  }

  private static SourceNode convert(Node node, int[] budget, String source, boolean json) {
    if (--budget[0] < 0) {
      throw CliException.failed(
          source + " has more than " + MAX_NODES + " values", "is this the right file?");
    }
    return switch (node) {
      case ScalarNode s -> {
        if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
          yield new SourceNode.Scalar(s.getValue(), "str");
        }
        SourceNode resolved = GoScalars.resolvePlain(s.getValue());
        yield json && resolved instanceof SourceNode.Scalar n && n.type().equals("int")
            ? new SourceNode.Scalar(n.text(), "float")
            : resolved;
      }
      case SequenceNode s -> {
        List<SourceNode> items = new ArrayList<>();
        for (Node item : s.getValue()) {
          items.add(convert(item, budget, source, json));
        }
        yield new SourceNode.Sequence(items);
      }
      case MappingNode m -> {
        List<SourceNode.Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
          if (!(t.getKeyNode() instanceof ScalarNode key)) {
            throw CliException.failed(
                source + ": a mapping key at line " + line(t.getKeyNode()) + " is not a string",
                "SOPS files have string keys only");
          }
          if (!seen.add(key.getValue())) {
            throw CliException.failed(
                source + ": key '" + key.getValue() + "' appears twice at line " + line(key),
                "give every key once");
          }
          fields.add(
              new SourceNode.Field(
                  key.getValue(), convert(t.getValueNode(), budget, source, json)));
        }
        yield new SourceNode.Mapping(fields);
      }
      default ->
          throw CliException.failed(
              source + ": unsupported YAML node at line " + line(node),
              "SOPS files hold mappings, sequences and scalars");
    };
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }

  /** SOPS' dotenv store: KEY=VALUE lines, '#' comments, {@code \n} for newlines in values. */
  private static Parsed dotenv(String text, String source) {
    List<SourceNode.Field> fields = new ArrayList<>();
    List<SourceNode.Field> flatMetadata = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String[] lines = text.split("\n", -1);
    if (lines.length > MAX_NODES) {
      throw CliException.failed(
          source + " has more than " + MAX_NODES + " lines", "is this the right file?");
    }
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw CliException.failed(
            source + ", line " + (i + 1) + ": expected KEY=VALUE",
            "dotenv files hold KEY=VALUE lines");
      }
      String key = line.substring(0, eq);
      if (!seen.add(key)) {
        throw CliException.failed(
            source + ", line " + (i + 1) + ": key '" + key + "' appears twice",
            "give every key once");
      }
      SourceNode value = new SourceNode.Scalar(line.substring(eq + 1).replace("\\n", "\n"), "str");
      if (key.startsWith(DOTENV_PREFIX)) {
        flatMetadata.add(new SourceNode.Field(key.substring(DOTENV_PREFIX.length()), value));
      } else {
        fields.add(new SourceNode.Field(key, value));
      }
    }
    SourceNode.Mapping metadata = flatMetadata.isEmpty() ? null : unflatten(flatMetadata, source);
    return new Parsed(List.of(new SourceNode.Mapping(fields)), metadata);
  }

  /**
   * Rebuilds SOPS' flattened metadata ({@code age__list_0__map_enc}) as a tree, so that {@link
   * SopsMetadata} reads one form.
   */
  private static SourceNode.Mapping unflatten(List<SourceNode.Field> flat, String source) {
    Builder root = new Builder();
    for (SourceNode.Field f : flat) {
      Builder at = root;
      Matcher m = FLAT_STEP.matcher(f.key());
      int start = 0;
      String pending = null;
      String kind = "map";
      while (true) {
        boolean more = m.find();
        String token = f.key().substring(start, more ? m.start() : f.key().length());
        if (pending == null) {
          pending = token;
        } else {
          at = at.child(pending, source);
          if (kind.equals("list")) {
            at.list = true;
          }
          pending = token;
        }
        if (!more) {
          break;
        }
        kind = m.group(1);
        start = m.end();
      }
      at.leaf(pending, f.value(), source);
    }
    return (SourceNode.Mapping) root.build();
  }

  /** An ordered mutable tree for {@link #unflatten}; list children are keyed by their index. */
  private static final class Builder {
    final List<String> keys = new ArrayList<>();
    final List<Object> values = new ArrayList<>();
    boolean list;

    Builder child(String key, String source) {
      int i = keys.indexOf(key);
      if (i >= 0) {
        if (values.get(i) instanceof Builder b) {
          return b;
        }
        throw malformed(source);
      }
      Builder b = new Builder();
      keys.add(key);
      values.add(b);
      return b;
    }

    void leaf(String key, SourceNode value, String source) {
      if (keys.contains(key)) {
        throw malformed(source);
      }
      keys.add(key);
      values.add(value);
    }

    SourceNode build() {
      List<SourceNode> built = new ArrayList<>();
      for (Object v : values) {
        built.add(v instanceof Builder b ? b.build() : (SourceNode) v);
      }
      if (list) {
        return new SourceNode.Sequence(built);
      }
      List<SourceNode.Field> fields = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        fields.add(new SourceNode.Field(keys.get(i), built.get(i)));
      }
      return new SourceNode.Mapping(fields);
    }

    private static CliException malformed(String source) {
      return CliException.failed(
          source + ": its sops_ metadata lines are inconsistent",
          "restore the file from Git; SOPS writes them");
    }
  }

  /** Leaves every scalar untyped; {@link GoScalars} types plain ones as SOPS does. */
  private static final class NoImplicitTypes extends Resolver {
    @Override
    protected void addImplicitResolvers() {}
  }
}
