package dev.sealwright.cli.history;

import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import java.util.List;
import java.util.Set;

/**
 * What happened to one item between two of its envelopes, told without any key. This is the one
 * place {@code log} and {@code audit exposure} decide whether a value changed or was only
 * re-sealed.
 *
 * <p>Today an envelope carries nothing that tells two sealings of one value from sealings of two
 * values: identical envelopes are {@link Value#UNCHANGED}, and any other pair is {@link
 * Value#UNKNOWN} ("re-sealed: value may have changed"). An envelope field that identifies the value
 * without revealing it would let {@link #between} answer {@link Value#RESEALED} or {@link
 * Value#CHANGED} here, and both commands would follow.
 *
 * @param keysChanged whether the two envelopes name different sets of key ids
 */
record ItemChange(Value value, boolean keysChanged) {
  /** Whether the value stayed the same, as far as the envelopes tell. */
  enum Value {
    UNCHANGED,
    RESEALED,
    CHANGED,
    UNKNOWN
  }

  static ItemChange between(String before, String after) {
    if (before.equals(after)) {
      return new ItemChange(Value.UNCHANGED, false);
    }
    return new ItemChange(Value.UNKNOWN, !keyIds(before).equals(keyIds(after)));
  }

  /** The key ids an envelope names, as a set; empty for a malformed envelope. */
  static Set<KeyId> keyIds(String envelope) {
    try {
      return Set.copyOf(Sealer.keyIds(envelope));
    } catch (SealingException e) {
      return Set.of();
    }
  }

  /** The key ids in the envelope's order, for display; empty for a malformed envelope. */
  static List<String> keyIdList(String envelope) {
    try {
      return Sealer.keyIds(envelope).stream().map(KeyId::value).toList();
    } catch (SealingException e) {
      return List.of();
    }
  }

  /** The same value on both sides: the envelopes are one exposed value. */
  boolean sameValue() {
    return value == Value.UNCHANGED || value == Value.RESEALED;
  }

  /** {@code re-sealed}, {@code value changed}, ..., then {@code , key changed} if so. */
  String describe() {
    String what =
        switch (value) {
          case UNCHANGED -> "unchanged";
          case RESEALED -> "re-sealed";
          case CHANGED -> "value changed";
          case UNKNOWN -> "re-sealed: value may have changed";
        };
    return keysChanged ? what + ", key changed" : what;
  }

  /**
   * The JSON word: {@code unchanged}, {@code re-sealed}, {@code value-changed}, {@code unknown}.
   */
  String wireName() {
    return switch (value) {
      case UNCHANGED -> "unchanged";
      case RESEALED -> "re-sealed";
      case CHANGED -> "value-changed";
      case UNKNOWN -> "unknown";
    };
  }
}
