package dev.sealwright.operator.keys;

import dev.sealwright.wire.WireNames;

/**
 * The state of a cluster key, kept in the label {@code sealwright.dev/key-state} of its Secret. The
 * table in docs/keys.md ("Key states") says the same.
 */
public enum KeyState {
  /** Opens values and is published; the newest active key is the one new values are sealed to. */
  ACTIVE(WireNames.KEY_STATE_ACTIVE),
  /**
   * Opens values but is neither published nor ever current: the state a key waits in while the
   * values sealed to it are re-sealed, before it is retired.
   */
  DECRYPT_ONLY(WireNames.KEY_STATE_DECRYPT_ONLY),
  /**
   * Kept but unused: neither opens values nor is published. Re-enabling it is one label change, so
   * disabling is how a key is put aside without destroying it.
   */
  DISABLED(WireNames.KEY_STATE_DISABLED);

  private final String label;

  KeyState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether the operator opens values sealed to a key in this state. */
  public boolean opensValues() {
    return this != DISABLED;
  }

  /** Whether a key in this state may be retired (destroyed): never one that new values use. */
  public boolean retirable() {
    return this != ACTIVE;
  }

  /**
   * Parses the label value; a missing label means active, anything unknown means disabled (a typo
   * must not make a key open values or become current).
   */
  public static KeyState fromLabel(String value) {
    if (value == null) {
      return ACTIVE;
    }
    for (KeyState s : values()) {
      if (s.label.equals(value)) {
        return s;
      }
    }
    return DISABLED;
  }
}
