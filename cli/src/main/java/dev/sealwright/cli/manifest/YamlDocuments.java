package dev.sealwright.cli.manifest;

import dev.sealwright.cli.CliException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads YAML or JSON documents as plain maps, lists and strings.
 *
 * <p>Every scalar except null stays a string: YAML 1.1 would turn {@code port: 0123} into a number
 * and {@code on} into a boolean, which silently changes Secret values. Error messages carry the
 * line and column only, never the YAML snippet a parser would quote, because that snippet may be a
 * plaintext value.
 */
public final class YamlDocuments {
  private static final int MAX_INPUT_CODE_POINTS = 64 * 1024 * 1024;

  private YamlDocuments() {}

  /** All documents of {@code text}; empty documents are skipped. */
  public static List<Object> load(String text, String source) {
    return load(text, source, new StringsOnlyResolver());
  }

  /**
   * Like {@link #load}, but plain scalars resolve as YAML 1.2's core schema does (booleans {@code
   * true}/{@code false}, integers, floats, null), as Go's YAML library reads them: for objects that
   * are written back for another tool (kustomize's ResourceList), where a number must stay one.
   */
  public static List<Object> loadTyped(String text, String source) {
    return load(text, source, new CoreSchemaResolver());
  }

  private static List<Object> load(String text, String source, Resolver resolver) {
    Yaml yaml = parser(resolver);
    List<Object> documents = new ArrayList<>();
    try {
      for (Object document : yaml.loadAll(text)) {
        if (document != null) {
          documents.add(document);
        }
      }
    } catch (YAMLException | IllegalArgumentException e) {
      throw invalid(e, source);
    }
    return documents;
  }

  /**
   * The node trees of all documents of {@code text}, with the positions of every scalar, for edits
   * that keep the rest of the text byte for byte. Same limits and resolver as {@link #load}.
   */
  public static List<Node> compose(String text, String source) {
    Yaml yaml = parser(new StringsOnlyResolver());
    List<Node> documents = new ArrayList<>();
    try {
      for (Node document : yaml.composeAll(new StringReader(text))) {
        documents.add(document);
      }
    } catch (YAMLException | IllegalArgumentException e) {
      throw invalid(e, source);
    }
    return documents;
  }

  /**
   * A SnakeYAML parser with this class's limits (no duplicate keys, bounded size and aliases) that
   * types scalars with {@code resolver}.
   */
  public static Yaml parser(Resolver resolver) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(MAX_INPUT_CODE_POINTS);
    options.setMaxAliasesForCollections(10);
    return new Yaml(
        new SafeConstructor(options),
        new Representer(new DumperOptions()),
        new DumperOptions(),
        options,
        resolver);
  }

  /**
   * The one error for text that does not parse: line and column, never the snippet a parser would
   * quote. Takes {@link YAMLException} and the {@link IllegalArgumentException} SnakeYAML throws
   * for some malformed tags, such as "!%a".
   */
  public static CliException invalid(RuntimeException e, String source) {
    if (e instanceof MarkedYAMLException m) {
      Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
      String where =
          mark == null
              ? ""
              : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      return CliException.failed(
          source + " is not valid YAML or JSON: " + m.getProblem() + where,
          "fix the file and try again");
    }
    return CliException.failed(source + " is not valid YAML or JSON", "fix the file and try again");
  }

  /**
   * Resolves only {@code null}, {@code ~} and empty scalars (to null); everything else is a string.
   */
  private static final class StringsOnlyResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }

  /** YAML 1.2 core schema: no YAML 1.1 {@code yes}/{@code on}, sexagesimal numbers or dates. */
  private static final class CoreSchemaResolver extends Resolver {
    private static final java.util.regex.Pattern BOOL =
        java.util.regex.Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final java.util.regex.Pattern INT =
        java.util.regex.Pattern.compile("^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$");
    private static final java.util.regex.Pattern FLOAT =
        java.util.regex.Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+.0123456789");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
