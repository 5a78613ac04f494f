package dev.sealwright.envelope;

import dev.sealwright.errors.MalformedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the sealed binding line: the canonical {@link Binding}, then the value's tag key
 * as an optional last field {@code valuekey=<base64url>} (docs/format.md §3). Only the exact
 * canonical form is accepted. The key is kept apart from the binding, so that messages naming
 * bindings never carry it.
 */
final class BindingCodec {
  static final String PREFIX = "sealwright.dev/v1";

  private static final String VALUE_KEY = "valuekey";

  /** What the tag key adds to the line: a space, {@code valuekey=}, 43 characters. */
  static final int VALUE_KEY_FIELD_LENGTH = 1 + VALUE_KEY.length() + 1 + ValueKey.ENCODED_LENGTH;

  private BindingCodec() {}

  /** A parsed binding line; {@code valueKey} is null in envelopes written before value tags. */
  record Line(Binding binding, @Nullable ValueKey valueKey) {}

  /** The line as sealed, without the line feed. Holds the secret key: only for the plaintext. */
  static String line(Binding binding, ValueKey valueKey) {
    return binding.canonical() + " " + VALUE_KEY + "=" + valueKey.field();
  }

  static Line parse(String line) throws MalformedException {
    String[] parts = line.split(" ", -1);
    if (parts.length < 3 || !parts[0].equals(PREFIX)) {
      throw invalid();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0 || fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
        throw invalid();
      }
    }
    Scope scope = Scope.fromWireName(fields.get("scope"));
    if (scope == null) {
      throw invalid();
    }
    Binding b;
    try {
      b =
          Binding.builder()
              .scope(scope)
              .namespace(fields.get("namespace"))
              .name(fields.get("name"))
              .item(fields.get("item"))
              .serviceAccount(fields.get("serviceaccount"))
              .build();
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String keyField = fields.get(VALUE_KEY);
    ValueKey key = null;
    if (keyField != null) {
      key = ValueKey.fromField(keyField);
      if (key == null) {
        throw invalid();
      }
    }
    String canonical =
        key == null ? b.canonical() : b.canonical() + " " + VALUE_KEY + "=" + keyField;
    if (!canonical.equals(line)) {
      if (key != null) {
        key.destroy();
      }
      throw invalid();
    }
    return new Line(b, key);
  }

  private static MalformedException invalid() {
    return new MalformedException(
        MalformedException.Part.ENVELOPE, "the sealed binding line is not in canonical form");
  }
}
