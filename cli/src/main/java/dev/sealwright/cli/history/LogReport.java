package dev.sealwright.cli.history;

import dev.sealwright.cli.manifest.TreeWriter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a {@link FileLog}: one line per commit, or one JSON document. */
final class LogReport {
  private LogReport() {}

  static void text(PrintStream out, FileLog.Result log) {
    boolean oneObject =
        log.entries().stream()
                .flatMap(e -> e.items().stream())
                .map(t -> t.key().object())
                .distinct()
                .count()
            <= 1;
    for (FileLog.Entry e : log.entries()) {
      List<String> what = new ArrayList<>();
      if (e.renamedFrom() != null) {
        what.add("renamed from " + e.renamedFrom());
      }
      for (ItemTransition t : e.items()) {
        what.add((oneObject ? "" : t.key().object() + " ") + t.key().item() + ": " + describe(t));
      }
      out.println(
          e.commit().text()
              + " | "
              + Printable.of(e.commit().subject())
              + " | "
              + Printable.of(String.join("; ", what)));
    }
  }

  static void json(PrintStream out, String file, String item, FileLog.Result log, Warnings w) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("file", file);
    if (item != null) {
      doc.put("item", item);
    }
    List<Object> commits = new ArrayList<>();
    for (FileLog.Entry e : log.entries()) {
      Map<String, Object> c = e.commit().json();
      c.put("path", e.path());
      if (e.renamedFrom() != null) {
        c.put("renamedFrom", e.renamedFrom());
      }
      c.put("changes", e.items().stream().map(LogReport::json).toList());
      commits.add(c);
    }
    doc.put("commits", commits);
    doc.put("warnings", w.all());
    out.print(TreeWriter.json(doc));
  }

  private static Map<String, Object> json(ItemTransition t) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("object", t.key().object());
    c.put("item", t.key().item());
    ItemChange change =
        t.before() != null && t.after() != null ? ItemChange.between(t.before(), t.after()) : null;
    c.put(
        "change",
        t.unknown()
            ? "unreadable"
            : t.before() == null ? "added" : t.after() == null ? "removed" : change.wireName());
    c.put("keyChanged", change != null && change.keysChanged());
    if (t.before() != null) {
      c.put("keyIdsBefore", t.before().keyIdNames());
    }
    if (t.after() != null) {
      c.put("keyIdsAfter", t.after().keyIdNames());
    }
    c.put("description", describe(t));
    return c;
  }

  static String describe(ItemTransition t) {
    if (t.unknown()) {
      return t.after() == null
          ? "this version of the file cannot be read"
          : "the previous version of the file cannot be read";
    }
    if (t.before() == null) {
      return "added";
    }
    if (t.after() == null) {
      return "removed";
    }
    return ItemChange.between(t.before(), t.after()).describe();
  }
}
