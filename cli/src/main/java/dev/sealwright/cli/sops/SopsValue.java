package dev.sealwright.cli.sops;

import dev.sealwright.secret.SecretBytes;
import java.util.List;

/**
 * A node of a decrypted SOPS document, in the file's order. Every scalar is a {@link Leaf} whose
 * bytes are the value as SOPS holds it (a decrypted value's plaintext; an unencrypted one's text).
 */
public sealed interface SopsValue {
  /** A mapping, its fields in file order. */
  record Mapping(List<Field> fields) implements SopsValue {
    public Mapping {
      fields = List.copyOf(fields);
    }

    /** The value of {@code key}, or null. */
    public SopsValue get(String key) {
      for (Field f : fields) {
        if (f.key().equals(key)) {
          return f.value();
        }
      }
      return null;
    }
  }

  record Field(String key, SopsValue value) {}

  record Sequence(List<SopsValue> items) implements SopsValue {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /**
   * A scalar.
   *
   * @param type SOPS' type name: {@code str}, {@code int}, {@code float}, {@code bool}, {@code
   *     time} or {@code bytes}
   * @param encrypted whether the file held it encrypted (false for unencrypted_suffix and the like)
   */
  record Leaf(SecretBytes bytes, String type, boolean encrypted) implements SopsValue {
    @Override
    public String toString() {
      return "Leaf[" + type + ", " + bytes + "]";
    }
  }

  /** YAML's null (or an empty value), which SOPS neither encrypts nor authenticates. */
  record Null() implements SopsValue {}

  /** Overwrites every leaf's bytes. */
  default void destroy() {
    switch (this) {
      case Mapping m -> m.fields().forEach(f -> f.value().destroy());
      case Sequence s -> s.items().forEach(SopsValue::destroy);
      case Leaf l -> l.bytes().destroy();
      case Null n -> {}
    }
  }
}
