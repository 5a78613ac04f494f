package dev.sealwright.envelope;

import dev.sealwright.errors.MalformedException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the canonical binding line back; only the exact canonical form is accepted. */
final class BindingCodec {
  static final String PREFIX = "sealwright.dev/v1";

  private BindingCodec() {}

  static Binding parse(String line) throws MalformedException {
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
    if (!b.canonical().equals(line)) {
      throw invalid();
    }
    return b;
  }

  private static MalformedException invalid() {
    return new MalformedException(
        MalformedException.Part.ENVELOPE, "the sealed binding line is not in canonical form");
  }
}
