package dev.sealwright.operator.keys;

import java.util.Locale;

/** The state of a cluster key, kept in the label {@code sealwright.dev/key-state} of its Secret. */
public enum KeyState {
  /** Opens values and is published; the newest active key is the one new values are sealed to. */
  ACTIVE,
  /**
   * Kept but unused: neither opens values nor is published. Disabling a key is how it is retired
   * without deleting it, and re-enabling it is one label change.
   */
  DISABLED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the label value; a missing label means active, anything unknown means disabled. */
  public static KeyState fromLabel(String value) {
    if (value == null || value.equals("active")) {
      return ACTIVE;
    }
    return DISABLED;
  }
}
