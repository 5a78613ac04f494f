package dev.sealwright.cli.history;

import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * without revealing it would go into {@link Facts} and let {@link #between} answer {@link
 * Value#RESEALED} or {@link Value#CHANGED}; both commands would follow.
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

  /**
   * What the history commands keep of one envelope: a fingerprint (identical envelopes, identical
   * fingerprints) and the key ids it names in clear. Walking history keeps these, not the
   * envelopes, so thousands of file versions stay in memory at once.
   *
   * @param keyIds empty when {@code malformed}
   * @param malformed the envelope's clear fields do not parse
   */
  record Facts(long high, long low, List<KeyId> keyIds, boolean malformed) {
    Facts {
      keyIds = List.copyOf(keyIds);
    }

    static Facts of(String envelope) {
      ByteBuffer digest = ByteBuffer.wrap(sha256(envelope));
      long high = digest.getLong();
      long low = digest.getLong();
      try {
        return new Facts(high, low, Sealer.keyIds(envelope), false);
      } catch (SealingException e) {
        return new Facts(high, low, List.of(), true);
      }
    }

    boolean sameEnvelope(Facts other) {
      return high == other.high && low == other.low;
    }

    List<String> keyIdNames() {
      return keyIds.stream().map(KeyId::value).toList();
    }

    private static byte[] sha256(String envelope) {
      try {
        return MessageDigest.getInstance("SHA-256")
            .digest(envelope.getBytes(StandardCharsets.US_ASCII));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }

  static ItemChange between(Facts before, Facts after) {
    if (before.sameEnvelope(after)) {
      return new ItemChange(Value.UNCHANGED, false);
    }
    boolean keysChanged = !Set.copyOf(before.keyIds()).equals(Set.copyOf(after.keyIds()));
    return new ItemChange(Value.UNKNOWN, keysChanged);
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
