package dev.sealwright.cli.manifest;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text {@code sealwright edit} hands to the editor: UTF-8 values under {@code stringData}
 * (multi-line ones as literal blocks), other values base64 under {@code data}.
 */
public final class EditBuffer {
  private EditBuffer() {}

  public static String render(String title, SortedMap<String, SecretBytes> values) {
    Map<String, Object> text = new LinkedHashMap<>();
    Map<String, Object> binary = new LinkedHashMap<>();
    for (Map.Entry<String, SecretBytes> e : values.entrySet()) {
      byte[] bytes = e.getValue().toByteArray();
      String utf8 = utf8OrNull(bytes);
      if (utf8 != null) {
        text.put(e.getKey(), utf8);
      } else {
        binary.put(e.getKey(), Base64.getEncoder().encodeToString(bytes));
      }
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("stringData", text);
    if (!binary.isEmpty()) {
      tree.put("data", binary);
    }
    return "# sealwright edit: "
        + title
        + "\n"
        + "# Save and quit to re-seal the items you changed; unchanged items keep their envelopes.\n"
        + "# Delete an item's line to remove it, add a line to add one. Binary values are base64\n"
        + "# under data. Quit without saving (or empty the file) to cancel.\n"
        + TreeWriter.yaml(tree, true);
  }

  /**
   * The items of an edited buffer.
   *
   * @return null if the buffer holds nothing but comments (the user cancelled)
   */
  public static SortedMap<String, SecretBytes> parse(String buffer) {
    List<Object> docs = YamlDocuments.load(buffer, "the edited text");
    if (docs.isEmpty()) {
      return null;
    }
    if (docs.size() > 1) {
      throw CliException.failed("the edited text holds several YAML documents", "keep one");
    }
    Fields fields = new Fields("the edited text");
    Map<String, Object> root = fields.map(docs.getFirst(), "the document");
    for (String key : root.keySet()) {
      if (!key.equals("stringData") && !key.equals("data")) {
        throw fields.invalid(key, "is not stringData or data");
      }
    }
    SortedMap<String, SecretBytes> values = new TreeMap<>();
    for (Map.Entry<String, Object> e : fields.map(root, "data", "data").entrySet()) {
      SecretReader.checkItemKey(e.getKey(), fields, "data." + e.getKey());
      if (!(e.getValue() instanceof String s)) {
        throw fields.invalid("data." + e.getKey(), "must be a base64 string");
      }
      try {
        values.put(e.getKey(), SecretBytes.adopt(Base64.getMimeDecoder().decode(s)));
      } catch (IllegalArgumentException ex) {
        throw fields.invalid("data." + e.getKey(), "is not valid base64");
      }
    }
    for (Map.Entry<String, String> e :
        fields.stringMap(root, "stringData", "stringData").entrySet()) {
      SecretReader.checkItemKey(e.getKey(), fields, "stringData." + e.getKey());
      if (values.containsKey(e.getKey())) {
        throw fields.invalid("stringData." + e.getKey(), "is also under data; keep one");
      }
      values.put(e.getKey(), SecretBytes.adopt(e.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    return values;
  }

  private static String utf8OrNull(byte[] bytes) {
    try {
      return Inputs.utf8(bytes, "value");
    } catch (CliException e) {
      return null;
    }
  }
}
