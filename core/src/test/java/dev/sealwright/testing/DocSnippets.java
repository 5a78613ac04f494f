package dev.sealwright.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The copy-paste commands of a page in {@code docs/}, so that a test runs exactly what a reader
 * pastes. A snippet is a fenced block whose opening fence directly follows a line {@code <!--
 * snippet: NAME -->}; NAME is unique within the page. The comment is invisible in rendered
 * Markdown.
 */
public final class DocSnippets {
  private static final Pattern MARKER = Pattern.compile("^<!-- snippet: ([a-z0-9][-a-z0-9]*) -->$");

  private final Path page;
  private final Map<String, String> snippets;

  private DocSnippets(Path page, Map<String, String> snippets) {
    this.page = page;
    this.snippets = snippets;
  }

  /** The snippets of {@code docs/<name>} in the repository this build runs in. */
  public static DocSnippets page(String name) {
    String configured = System.getProperty("sealwright.repo.root");
    // Tests run in their module's folder, one below the repository root.
    Path root =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("user.dir")).getParent();
    return of(root.resolve("docs").resolve(name));
  }

  public static DocSnippets of(Path page) {
    List<String> lines;
    try {
      lines = Files.readAllLines(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = MARKER.matcher(lines.get(i).strip());
      if (!m.matches()) {
        continue;
      }
      String name = m.group(1);
      if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
        throw new IllegalStateException(
            page + ":" + (i + 1) + ": snippet " + name + " is not followed by a fenced block");
      }
      StringBuilder body = new StringBuilder();
      int j = i + 2;
      for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
        body.append(lines.get(j)).append('\n');
      }
      if (j == lines.size()) {
        throw new IllegalStateException(page + ":" + (i + 2) + ": unclosed fence of " + name);
      }
      if (found.put(name, body.toString()) != null) {
        throw new IllegalStateException(page + ": snippet " + name + " appears twice");
      }
      i = j;
    }
    return new DocSnippets(page, Map.copyOf(found));
  }

  /** The text of snippet {@code name}, ending in a newline. */
  public String get(String name) {
    String body = snippets.get(name);
    if (body == null) {
      throw new IllegalStateException(page + " has no snippet " + name);
    }
    return body;
  }

  public Set<String> names() {
    return snippets.keySet();
  }

  /**
   * A command line that runs snippet {@code name} with bash, stopping at the first failing command,
   * as a reader pasting it into a shell with {@code set -e} would see it.
   */
  public List<String> bashCommand(String name) {
    return List.of("bash", "-euo", "pipefail", "-c", get(name));
  }
}
