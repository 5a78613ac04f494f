package dev.sealwright.operator.reconcile;

import dev.sealwright.secret.SecretBytes;
import java.util.Map;
import java.util.Objects;

/** The result of opening every item of one object: all of them, or one reason why not. */
public sealed interface UnsealOutcome {

  /** Every item opened; the values are secret and must be destroyed after use. */
  record Opened(Map<String, SecretBytes> values) implements UnsealOutcome {
    public Opened {
      values = Map.copyOf(values);
    }

    public void destroy() {
      values.values().forEach(SecretBytes::destroy);
    }

    @Override
    public String toString() {
      return "Opened[" + values.size() + " items]";
    }
  }

  /**
   * An item could not be opened.
   *
   * @param reason one of the condition reasons in {@link dev.sealwright.api.v1.Conditions}
   * @param message names the item and the problem, never a value
   * @param item the item that failed, or null if the object failed before any item
   */
  record Failed(String reason, String message, String item) implements UnsealOutcome {
    public Failed {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(message);
    }

    /** A failure of the object as a whole. */
    public Failed(String reason, String message) {
      this(reason, message, null);
    }
  }
}
