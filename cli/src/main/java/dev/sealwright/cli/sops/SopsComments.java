package dev.sealwright.cli.sops;

import dev.sealwright.cli.manifest.YamlDocuments;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * The comments SOPS encrypted in a YAML file ({@code #ENC[AES256_GCM,...,type:comment]}, the
 * default for every comment under an encrypted key). A sealed values file seals values only, so
 * such a comment cannot stay secret in it: it is removed, never decrypted into the output. Comments
 * SOPS left in the clear stay.
 */
final class SopsComments {
  private static final String PREFIX = "ENC[AES256_GCM,";
  private static final String SUFFIX = ",type:comment]";
  private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  private SopsComments() {}

  /** The text without the encrypted comments, and how many there were. */
  record Stripped(String text, int dropped) {}

  static Stripped stripEncrypted(String text, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(true);
    options.setCodePointLimit(MAX_CODE_POINTS);
    List<int[]> cuts = new ArrayList<>();
    boolean astral = text.codePointCount(0, text.length()) != text.length();
    try {
      for (Event e : new Yaml(options).parse(new StringReader(text))) {
        if (!(e instanceof CommentEvent c)) {
          continue;
        }
        String value = c.getValue().strip();
        if (c.getCommentType() == CommentType.BLANK_LINE
            || !value.startsWith(PREFIX)
            || !value.endsWith(SUFFIX)) {
          continue;
        }
        int start = offset(text, c.getStartMark().getIndex(), astral);
        int end = offset(text, c.getEndMark().getIndex(), astral);
        cuts.add(region(text, start, end));
      }
    } catch (YAMLException | IllegalArgumentException e) {
      throw YamlDocuments.invalid(e, source);
    }
    StringBuilder sb = new StringBuilder(text.length());
    int at = 0;
    for (int[] cut : cuts) {
      sb.append(text, at, cut[0]);
      at = cut[1];
    }
    return new Stripped(sb.append(text, at, text.length()).toString(), cuts.size());
  }

  /**
   * A comment alone on its line goes with its line; one after a value goes with the blanks before
   * it.
   */
  private static int[] region(String text, int start, int end) {
    int from = start;
    while (from > 0 && " \t".indexOf(text.charAt(from - 1)) >= 0) {
      from--;
    }
    boolean ownLine = from == 0 || "\r\n".indexOf(text.charAt(from - 1)) >= 0;
    int to = end;
    if (ownLine) {
      if (to < text.length() && text.charAt(to) == '\r') {
        to++;
      }
      if (to < text.length() && text.charAt(to) == '\n') {
        to++;
      }
    }
    return new int[] {from, to};
  }

  /** SnakeYAML's marks count code points; Java strings count UTF-16 chars. */
  private static int offset(String text, int codePoints, boolean astral) {
    return astral ? text.offsetByCodePoints(0, codePoints) : codePoints;
  }
}
