package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.envelope.KeyId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySnapshotTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private static ClusterKey hybrid(Instant created) {
    HybridIdentity id = AgeKeys.generateHybrid();
    return new ClusterKey(
        "k", KeyId.of(id.publicRecipient()), id.publicRecipient(), id, KeyState.ACTIVE, created);
  }

  private static ClusterKey classic(Instant created) {
    X25519Identity id = AgeKeys.generateX25519();
    return new ClusterKey(
        "c", KeyId.of(id.publicRecipient()), id.publicRecipient(), id, KeyState.ACTIVE, created);
  }

  @Test
  void current_newerClassicKey_keepsPostQuantumCurrent() {
    ClusterKey pq = hybrid(T);
    ClusterKey newerClassic = classic(T.plusSeconds(3600));

    KeySnapshot snapshot = new KeySnapshot(List.of(newerClassic, pq));

    assertThat(snapshot.current()).contains(pq);
    assertThat(snapshot.active()).containsExactly(pq, newerClassic);
    assertThat(snapshot.keys()).containsExactly(newerClassic, pq);
    assertThat(snapshot.keyring().keyIds()).contains(newerClassic.keyId(), pq.keyId());
  }

  @Test
  void current_onlyClassicKeys_newestClassic() {
    ClusterKey old = classic(T);
    ClusterKey newer = classic(T.plusSeconds(60));
    assertThat(new KeySnapshot(List.of(old, newer)).current()).contains(newer);
  }

  @Test
  void current_twoPostQuantumKeys_newest() {
    ClusterKey old = hybrid(T);
    ClusterKey newer = hybrid(T.plusSeconds(60));
    assertThat(new KeySnapshot(List.of(old, newer, classic(T.plusSeconds(120)))).current())
        .contains(newer);
  }

  @Test
  void keys_sameCreationTime_orderedByKeyIdWhateverTheInputOrder() {
    ClusterKey a = hybrid(T);
    ClusterKey b = hybrid(T);
    List<String> byKeyId =
        java.util.stream.Stream.of(a, b).map(k -> k.keyId().value()).sorted().toList();

    for (List<ClusterKey> input : List.of(List.of(a, b), List.of(b, a))) {
      assertThat(new KeySnapshot(input).keys())
          .extracting(k -> k.keyId().value())
          .isEqualTo(byKeyId);
    }
  }
}
