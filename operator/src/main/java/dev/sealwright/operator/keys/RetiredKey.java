package dev.sealwright.operator.keys;

import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.Bounded;
import java.time.Instant;
import java.util.Objects;

/**
 * The record kept of one retired (destroyed) key in {@code sealwright-retired-keys}. Who asked is
 * what {@code kubectl auth whoami} told the CLI; the Kubernetes audit log, which records who set
 * the request annotation, is the authoritative answer.
 *
 * @param state the state the key was in when it was retired (decrypt-only or disabled)
 * @param stateSince since when it was in that state, if its Secret said so
 * @param requestedBy who asked, as the CLI filled it in, at most {@value #MAX_NAME} characters
 * @param retiredBy the operator instance that destroyed the key, at most {@value #MAX_NAME}
 */
public record RetiredKey(
    KeyId keyId,
    Instant createdAt,
    KeyState state,
    Instant stateSince,
    Instant requestedAt,
    String requestedBy,
    Instant retiredAt,
    String retiredBy) {

  /** The longest name kept, which bounds a record and so the ConfigMap. */
  public static final int MAX_NAME = 128;

  public RetiredKey {
    Objects.requireNonNull(keyId);
    Objects.requireNonNull(createdAt);
    Objects.requireNonNull(state);
    Objects.requireNonNull(requestedAt);
    Objects.requireNonNull(retiredAt);
    requestedBy = Bounded.text(requestedBy, MAX_NAME);
    retiredBy = Bounded.text(retiredBy, MAX_NAME);
  }
}
