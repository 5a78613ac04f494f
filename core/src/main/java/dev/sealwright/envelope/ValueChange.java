package dev.sealwright.envelope;

import dev.sealwright.errors.MalformedException;
import java.util.Optional;

/**
 * What happened to the value of one item between two of its envelopes, told from the clear {@link
 * ValueTag}s alone, without any key (docs/format.md §3.1).
 *
 * <p>The claim is as strong as the operator's check behind it: an envelope whose clear tag is not
 * its sealed value's tag does not open, so when both envelopes open, {@link #RESEALED} means the
 * same value and {@link #CHANGED} a value sealed anew. A fresh seal of an equal value (for example
 * {@code sealwright set} with the same text) gets a new tag key and shows as {@link #CHANGED}: tags
 * link only the re-seals of one opened value, never separately sealed equal values.
 */
public enum ValueChange {
  /** The envelopes are identical: nothing was re-sealed. */
  UNCHANGED,
  /** Different envelopes with equal tags: the same value, sealed again (new keys or recipients). */
  RESEALED,
  /** Different tags: a new value, or the same one sealed afresh. */
  CHANGED,
  /** Different envelopes and at least one without a tag (written before value tags). */
  UNKNOWN;

  /**
   * Classifies two envelopes of the same item, reading only their clear fields.
   *
   * @throws MalformedException if either envelope's clear fields do not parse (unless the two are
   *     identical, which is {@link #UNCHANGED} whatever they hold)
   */
  public static ValueChange between(String oldEnvelope, String newEnvelope)
      throws MalformedException {
    if (oldEnvelope.equals(newEnvelope)) {
      return UNCHANGED;
    }
    Optional<ValueTag> before = EnvelopeCodec.valueTag(oldEnvelope);
    Optional<ValueTag> after = EnvelopeCodec.valueTag(newEnvelope);
    if (before.isEmpty() || after.isEmpty()) {
      return UNKNOWN;
    }
    return before.get().equals(after.get()) ? RESEALED : CHANGED;
  }
}
