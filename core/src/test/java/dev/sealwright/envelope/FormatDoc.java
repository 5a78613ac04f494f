package dev.sealwright.envelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/format.md as tests read it: its sections and the fenced code blocks inside them. */
final class FormatDoc {
  private static final Pattern CODE_BLOCK = Pattern.compile("(?s)```[a-z]*\n(.*?)\n```");

  private FormatDoc() {}

  /** The whole document; tests run in core/, the docs are beside it. */
  static String text() {
    Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/format.md");
    try {
      return Files.readString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The section whose heading starts with {@code heading}, up to the next section. */
  static String section(String heading) {
    String text = text();
    int start = text.indexOf("\n" + heading);
    if (start < 0) {
      throw new AssertionError("docs/format.md has no section '" + heading + "'");
    }
    int end = text.indexOf("\n## ", start + 1);
    return text.substring(start + 1, end < 0 ? text.length() : end);
  }

  /** The contents of the fenced code blocks in {@code markdown}, in order, without the fences. */
  static List<String> codeBlocks(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE_BLOCK.matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The first group of {@code regex} in {@code markdown}; failing if it does not occur. */
  static String find(String markdown, String regex) {
    Matcher m = Pattern.compile(regex).matcher(markdown);
    if (!m.find()) {
      throw new AssertionError("docs/format.md no longer matches " + regex);
    }
    return m.group(1);
  }
}
