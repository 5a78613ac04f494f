package dev.sealwright.cli.io;

import dev.sealwright.cli.CliException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code KEY=VALUE} lines ({@code #} comments and blank lines skipped), as {@code create
 * --from-env-file} and the kustomize function's {@code envs:} take them. The value is everything
 * after the first {@code =}; messages name the file and line, never the value.
 */
public final class EnvFile {
  /** One {@code KEY=VALUE} line; {@code line} counts from 1. */
  public record Entry(String key, String value, int line) {}

  private static final java.util.regex.Pattern LINE_BREAK =
      java.util.regex.Pattern.compile("\r?\n");

  private EnvFile() {}

  public static List<Entry> parse(String text, String source) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripLeading();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw CliException.failed(
            source + ", line " + (i + 1) + ": expected KEY=VALUE",
            "env files hold KEY=VALUE lines");
      }
      entries.add(new Entry(line.substring(0, eq).strip(), line.substring(eq + 1), i + 1));
    }
    return entries;
  }
}
