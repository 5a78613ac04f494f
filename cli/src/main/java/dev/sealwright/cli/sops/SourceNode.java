package dev.sealwright.cli.sops;

import java.util.List;

/**
 * A node of a SOPS file as stored: encrypted values are still {@code ENC[...]} strings. Scalars
 * carry the type SOPS' Go parser gives them, which decides the bytes the MAC covers for unencrypted
 * ones.
 */
sealed interface SourceNode {
  record Mapping(List<Field> fields) implements SourceNode {
    public Mapping {
      fields = List.copyOf(fields);
    }

    SourceNode get(String key) {
      for (Field f : fields) {
        if (f.key().equals(key)) {
          return f.value();
        }
      }
      return null;
    }
  }

  record Field(String key, SourceNode value) {}

  record Sequence(List<SourceNode> items) implements SourceNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /**
   * @param text the scalar as written
   * @param type {@code str}, {@code int}, {@code float} or {@code bool}, as SOPS' parser types it
   */
  record Scalar(String text, String type) implements SourceNode {
    @Override
    public String toString() {
      // Unencrypted values may still be sensitive (unencrypted_suffix); never print them.
      return "Scalar[" + type + "]";
    }
  }

  record Null() implements SourceNode {}
}
