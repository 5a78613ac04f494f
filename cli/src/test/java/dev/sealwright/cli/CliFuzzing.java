package dev.sealwright.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/** What the CLI's fuzz targets share: their contract, and seeds from the golden sessions. */
public final class CliFuzzing {
  private static final String[] SESSIONS = {
    "create-review-rotate", "edit", "errors", "repo-config"
  };
  private static final String[] KEYS = {"cluster", "breakglass", "other", "classic"};

  private CliFuzzing() {}

  /**
   * Rethrows {@code e} unless it is a failure the user is told about: exit code 1, 2 or 3, never 4
   * (an internal bug).
   */
  public static void requireDocumented(CliException e) {
    if (e.exitCode() == ExitCode.OK || e.exitCode() == ExitCode.INTERNAL) {
      throw e;
    }
  }

  /** The files that the golden sessions write ({@code @write NAME ... @end}), as they run them. */
  public static List<byte[]> sessionFiles() {
    List<byte[]> out = new ArrayList<>();
    for (String session : SESSIONS) {
      String text = Fixtures.resource("golden/" + session + ".session");
      for (String key : KEYS) {
        text = text.replace("${" + key + "}", Fixtures.recipient(key));
      }
      StringBuilder file = null;
      for (String line : text.split("\n", -1)) {
        if (line.startsWith("@write ")) {
          file = new StringBuilder();
        } else if (line.equals("@end") && file != null) {
          out.add(file.toString().getBytes(UTF_8));
          file = null;
        } else if (file != null) {
          file.append(line).append('\n');
        }
      }
    }
    return out;
  }
}
