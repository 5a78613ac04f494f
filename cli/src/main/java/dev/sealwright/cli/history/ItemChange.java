package dev.sealwright.cli.history;

import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.envelope.ValueChange;
import dev.sealwright.envelope.ValueTag;
import dev.sealwright.errors.SealingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What happened to one item between two of its envelopes, told without any key. This is the one
 * place {@code log} and {@code audit exposure} decide whether a value changed or was only
 * re-sealed.
 *
 * <p>Identical envelopes are {@link ValueChange#UNCHANGED}. Otherwise the envelopes' clear value
 * tags decide, as {@link ValueChange} defines (docs/format.md §3.1): equal tags are {@link
 * ValueChange#RESEALED}, different ones {@link ValueChange#CHANGED}, and a pair where either
 * envelope predates value tags is {@link ValueChange#UNKNOWN} ("re-sealed: value may have
 * changed").
 *
 * @param value whether the value stayed the same, as far as the envelopes tell
 * @param keysChanged whether the two envelopes name different sets of key ids
 */
record ItemChange(ValueChange value, boolean keysChanged) {
  /**
   * What the history commands keep of one envelope: a fingerprint (identical envelopes, identical
   * fingerprints) and the key ids it names in clear. Walking history keeps these, not the
   * envelopes, so thousands of file versions stay in memory at once.
   *
   * @param keyIds empty when {@code malformed}
   * @param valueTag the clear value tag, if the envelope has one
   * @param malformed the envelope's clear fields do not parse
   */
  record Facts(
      long high, long low, List<KeyId> keyIds, Optional<ValueTag> valueTag, boolean malformed) {
    Facts {
      keyIds = List.copyOf(keyIds);
    }

    static Facts of(String envelope) {
      ByteBuffer digest = ByteBuffer.wrap(sha256(envelope));
      long high = digest.getLong();
      long low = digest.getLong();
      try {
        return new Facts(high, low, Sealer.keyIds(envelope), Sealer.valueTag(envelope), false);
      } catch (SealingException e) {
        return new Facts(high, low, List.of(), Optional.empty(), true);
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
      return new ItemChange(ValueChange.UNCHANGED, false);
    }
    boolean keysChanged = !Set.copyOf(before.keyIds()).equals(Set.copyOf(after.keyIds()));
    return new ItemChange(
        ValueChange.ofDifferentEnvelopes(before.valueTag(), after.valueTag()), keysChanged);
  }

  /** The same value on both sides: the envelopes are one exposed value. */
  boolean sameValue() {
    return value == ValueChange.UNCHANGED || value == ValueChange.RESEALED;
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
