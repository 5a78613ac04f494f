package dev.sealwright.cli.history;

import dev.sealwright.cli.manifest.TreeWriter;
import dev.sealwright.envelope.KeyId;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints an {@link ExposureAudit}: a block per exposed value and a summary, or one JSON document.
 */
final class ExposureReport {
  private ExposureReport() {}

  static void text(PrintStream out, KeyId keyId, Instant since, ExposureAudit.Result r) {
    String scope =
        r.commits()
            + " commits reachable from HEAD "
            + r.head().shortId()
            + (since == null ? "" : ", committed at or after " + since);
    if (r.exposed().isEmpty()) {
      out.println("No value was sealed to key " + keyId + " in " + scope + ".");
      return;
    }
    out.println("Values sealed to key " + keyId + " in " + scope + ":");
    for (Exposure e : r.exposed()) {
      out.println();
      out.println(
          Printable.of(e.key().object() + " " + e.key().item() + " in " + e.file() + where(e)));
      out.println("  first:  " + e.first().text() + "  " + Printable.of(e.first().subject()));
      out.println("  last:   " + e.last().text() + "  " + Printable.of(e.last().subject()));
      out.println("  status: " + e.status().wireName() + ": " + e.status().advice());
    }
    out.println();
    List<String> counts = new ArrayList<>();
    counts(r).forEach((status, n) -> counts.add(n + " " + status.wireName()));
    out.println(
        r.exposed().size()
            + (r.exposed().size() == 1 ? " value" : " values")
            + " exposed: "
            + String.join(", ", counts));
  }

  private static String where(Exposure e) {
    if (e.fileAtHead() == null) {
      return " (file since deleted)";
    }
    return e.fileAtHead().equals(e.file()) ? "" : " (now " + e.fileAtHead() + ")";
  }

  static void json(
      PrintStream out, KeyId keyId, Instant since, ExposureAudit.Result r, Warnings w) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("keyId", keyId.value());
    doc.put("head", r.head().json());
    if (since != null) {
      doc.put("since", since.toString());
    }
    doc.put("commits", r.commits());
    List<Object> exposed = new ArrayList<>();
    for (Exposure e : r.exposed()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("object", e.key().object());
      x.put("item", e.key().item());
      x.put("file", e.file());
      if (e.fileAtHead() != null) {
        x.put("fileAtHead", e.fileAtHead());
      }
      x.put("first", e.first().json());
      x.put("last", e.last().json());
      x.put("status", e.status().wireName());
      x.put("advice", e.status().advice());
      exposed.add(x);
    }
    doc.put("exposed", exposed);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts(r).forEach((status, n) -> counts.put(status.wireName(), n));
    doc.put("counts", counts);
    doc.put("warnings", w.all());
    out.print(TreeWriter.json(doc));
  }

  private static Map<ExposureStatus, Integer> counts(ExposureAudit.Result r) {
    Map<ExposureStatus, Integer> counts = new EnumMap<>(ExposureStatus.class);
    r.exposed().forEach(e -> counts.merge(e.status(), 1, Integer::sum));
    return counts;
  }
}
