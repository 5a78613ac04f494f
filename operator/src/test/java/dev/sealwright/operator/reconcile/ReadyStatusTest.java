package dev.sealwright.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecretStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadyStatusTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");

  @Test
  void next_noPrevious_setsConditionWithObservedGeneration() {
    SealedSecretStatus s = ReadyStatus.next(null, 3L, true, Conditions.UNSEALED, "ok", "42", T0);

    assertThat(s.getObservedGeneration()).isEqualTo(3L);
    assertThat(s.getSecretResourceVersion()).isEqualTo("42");
    var c = s.condition(Conditions.READY).orElseThrow();
    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getReason()).isEqualTo(Conditions.UNSEALED);
    assertThat(c.getObservedGeneration()).isEqualTo(3L);
    assertThat(c.getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void next_sameInputsLater_isEqualSoNoPatch() {
    SealedSecretStatus first = ReadyStatus.next(null, 1L, true, Conditions.UNSEALED, "ok", "7", T0);

    assertThat(ReadyStatus.next(first, 1L, true, Conditions.UNSEALED, "ok", "7", T1))
        .isEqualTo(first);
  }

  @Test
  void next_statusFlips_movesTransitionTime() {
    SealedSecretStatus ready = ReadyStatus.next(null, 1L, true, Conditions.UNSEALED, "ok", "7", T0);

    SealedSecretStatus failed =
        ReadyStatus.next(ready, 2L, false, Conditions.NO_MATCHING_KEY, "no key", "7", T1);

    var c = failed.condition(Conditions.READY).orElseThrow();
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(c.getReason()).isEqualTo(Conditions.NO_MATCHING_KEY);
    assertThat(c.getMessage()).isEqualTo("no key");
    assertThat(failed.getConditions())
        .extracting(Condition::getType)
        .containsExactly(Conditions.READY, Conditions.STALLED);
  }

  @Test
  void next_failureNobodyRetries_isStalledWithReadysReasonAndMessage() {
    SealedSecretStatus s =
        ReadyStatus.next(null, 4L, false, Conditions.BINDING_MISMATCH, "moved", null, T0);

    var stalled = s.condition(Conditions.STALLED).orElseThrow();
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo(Conditions.BINDING_MISMATCH);
    assertThat(stalled.getMessage()).isEqualTo("moved");
    assertThat(stalled.getObservedGeneration()).isEqualTo(4L);
    assertThat(s.condition(Conditions.RECONCILING)).isEmpty();
  }

  @Test
  void next_failureTheOperatorRetries_isReconcilingNotStalled() {
    for (String reason : List.of(Conditions.KEY_UNAVAILABLE, Conditions.WRITE_FAILED)) {
      SealedSecretStatus s = ReadyStatus.next(null, 1L, false, reason, "later", null, T0);

      assertThat(s.condition(Conditions.RECONCILING).orElseThrow().getReason()).isEqualTo(reason);
      assertThat(s.condition(Conditions.STALLED)).isEmpty();
    }
  }

  @Test
  void next_readyAgain_dropsStalledAndReconciling() {
    SealedSecretStatus stalled =
        ReadyStatus.next(null, 1L, false, Conditions.NO_MATCHING_KEY, "k", null, T0);
    SealedSecretStatus retrying =
        ReadyStatus.next(null, 1L, false, Conditions.KEY_UNAVAILABLE, "k", null, T0);

    for (SealedSecretStatus previous : List.of(stalled, retrying)) {
      assertThat(
              ReadyStatus.next(previous, 1L, true, Conditions.UNSEALED, "ok", "9", T1)
                  .getConditions())
          .extracting(Condition::getType)
          .containsExactly(Conditions.READY);
    }
  }

  @Test
  void next_stillStalledForAnotherReason_keepsStalledSince() {
    SealedSecretStatus a = ReadyStatus.next(null, 1L, false, Conditions.MALFORMED, "m", null, T0);

    SealedSecretStatus b =
        ReadyStatus.next(a, 2L, false, Conditions.BINDING_MISMATCH, "b", null, T1);

    var stalled = b.condition(Conditions.STALLED).orElseThrow();
    assertThat(stalled.getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(stalled.getReason()).isEqualTo(Conditions.BINDING_MISMATCH);
  }

  @Test
  void next_reasonChangesButStillFalse_keepsTransitionTime() {
    SealedSecretStatus a = ReadyStatus.next(null, 1L, false, Conditions.MALFORMED, "m", null, T0);

    SealedSecretStatus b =
        ReadyStatus.next(a, 2L, false, Conditions.BINDING_MISMATCH, "b", null, T1);

    assertThat(b.condition(Conditions.READY).orElseThrow().getLastTransitionTime())
        .isEqualTo(T0.toString());
  }

  @Test
  void next_otherConditionsOfPrevious_keptAndReadyReplaced() {
    SealedSecretStatus previous =
        ReadyStatus.next(null, 1L, false, Conditions.MALFORMED, "bad", null, T0);
    Condition other = new ConditionBuilder().withType("Progressing").withStatus("True").build();
    List<Condition> withOther = new ArrayList<>(previous.getConditions());
    withOther.add(0, other);
    previous.setConditions(withOther);

    SealedSecretStatus next =
        ReadyStatus.next(previous, 2L, true, Conditions.UNSEALED, "ok", "5", T1);

    assertThat(next.getConditions()).hasSize(2).first().isEqualTo(other);
    assertThat(next.condition(Conditions.STALLED)).isEmpty();
    assertThat(next.condition(Conditions.READY).orElseThrow().getStatus()).isEqualTo("True");
  }

  @Test
  void next_previousWithoutConditions_onlyReady() {
    SealedSecretStatus next =
        ReadyStatus.next(new SealedSecretStatus(), 1L, true, Conditions.UNSEALED, "ok", "5", T0);

    assertThat(next.getConditions())
        .singleElement()
        .satisfies(c -> assertThat(c.getType()).isEqualTo(Conditions.READY));
  }

  @Test
  void readyReason_statusOrConditionMissing_isEmpty() {
    assertThat(ReadyStatus.readyReason(null)).isEmpty();
    assertThat(ReadyStatus.readyReason(new SealedSecretStatus())).isEmpty();
    assertThat(
            ReadyStatus.readyReason(
                ReadyStatus.next(null, 1L, false, Conditions.MALFORMED, "bad", null, T0)))
        .hasValue(Conditions.MALFORMED);
  }
}
