package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.envelope.KeyId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyStateTest {

  @Test
  void fromLabel_eachLabel_roundTrips() {
    for (KeyState s : KeyState.values()) {
      assertThat(KeyState.fromLabel(s.label())).isEqualTo(s);
    }
    assertThat(KeyState.values())
        .extracting(KeyState::label)
        .containsExactly("active", "decrypt-only", "disabled");
  }

  @Test
  void fromLabel_missingOrUnknown_activeOrDisabled() {
    assertThat(KeyState.fromLabel(null)).isEqualTo(KeyState.ACTIVE);
    assertThat(KeyState.fromLabel("decrypt_only"))
        .as("a typo never opens values")
        .isEqualTo(KeyState.DISABLED);
    assertThat(KeyState.fromLabel("Active")).isEqualTo(KeyState.DISABLED);
    assertThat(KeyState.fromLabel("")).isEqualTo(KeyState.DISABLED);
  }

  @Test
  void table_opensValuesAndRetirable_asDocumented() {
    assertThat(KeyState.ACTIVE.opensValues()).isTrue();
    assertThat(KeyState.DECRYPT_ONLY.opensValues()).isTrue();
    assertThat(KeyState.DISABLED.opensValues()).isFalse();
    assertThat(KeyState.ACTIVE.retirable()).isFalse();
    assertThat(KeyState.DECRYPT_ONLY.retirable()).isTrue();
    assertThat(KeyState.DISABLED.retirable()).isTrue();
  }

  @Test
  void snapshot_newestKeyDecryptOnly_opensValuesButOlderActiveKeyIsCurrentAndAloneActive() {
    ClusterKey old = key(Instant.parse("2026-01-01T00:00:00Z"), KeyState.ACTIVE);
    ClusterKey decryptOnly = key(Instant.parse("2026-02-01T00:00:00Z"), KeyState.DECRYPT_ONLY);
    ClusterKey disabled = key(Instant.parse("2026-03-01T00:00:00Z"), KeyState.DISABLED);

    KeySnapshot snapshot = new KeySnapshot(List.of(old, decryptOnly, disabled));

    assertThat(snapshot.current()).contains(old);
    assertThat(snapshot.active()).containsExactly(old);
    assertThat(snapshot.keyring().keyIds())
        .containsExactlyInAnyOrder(old.keyId(), decryptOnly.keyId());
    assertThat(snapshot.find(disabled.keyId())).contains(disabled);
  }

  @Test
  void snapshot_onlyDecryptOnlyKeys_noCurrentKey() {
    KeySnapshot snapshot =
        new KeySnapshot(List.of(key(Instant.parse("2026-01-01T00:00:00Z"), KeyState.DECRYPT_ONLY)));

    assertThat(snapshot.current()).isEmpty();
    assertThat(KeyRotation.due(snapshot, java.time.Duration.ofDays(30), Instant.EPOCH))
        .as("a new key is made: decrypt-only keys never seal")
        .isTrue();
  }

  static ClusterKey key(Instant created, KeyState state) {
    HybridIdentity id = AgeKeys.generateHybrid();
    KeyId keyId = KeyId.of(id.publicRecipient());
    return new ClusterKey(
        "sealwright-key-" + keyId, keyId, id.publicRecipient(), id, state, created);
  }
}
