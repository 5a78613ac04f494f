package dev.sealwright.cli.migrate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, one line per object and file, in input order; printed on standard output.
 * Lines name files, objects and items, never values.
 */
final class ImportReport {
  private final List<String> lines = new ArrayList<>();
  private int converted;
  private int skipped;
  private int failed;
  private int written;

  void converted(String where, String detail) {
    converted++;
    lines.add("converted  " + where + ": " + detail);
  }

  void note(String text) {
    lines.add("           " + text);
  }

  void skipped(String where, String reason) {
    skipped++;
    lines.add("skipped    " + where + ": " + reason);
  }

  void failed(String where, String reason) {
    failed++;
    lines.add("failed     " + where + ": " + reason);
  }

  void wrote(String target) {
    written++;
    lines.add("wrote      " + target);
  }

  void notWritten(String file, String reason) {
    lines.add("not written " + file + ": " + reason);
  }

  int converted() {
    return converted;
  }

  int failed() {
    return failed;
  }

  void print(PrintStream out) {
    lines.forEach(out::println);
    out.println(
        "import kubeseal: "
            + converted
            + " converted, "
            + skipped
            + " skipped, "
            + failed
            + " failed; "
            + written
            + (written == 1 ? " file" : " files")
            + " written");
  }
}
