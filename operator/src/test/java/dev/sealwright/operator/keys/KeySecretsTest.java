package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeySecretsTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void toSecret_thenFromSecret_roundTripsKeyIdStateAndTime() throws Exception {
    HybridIdentity id = AgeKeys.generateHybrid();

    Secret secret = KeySecrets.toSecret("sealwright", id, T);
    ClusterKey key = KeySecrets.fromSecret(secret);

    assertThat(secret.getMetadata().getLabels()).containsEntry(WireNames.KEY_LABEL, "true");
    assertThat(key.keyId()).isEqualTo(KeyId.of(id.publicRecipient()));
    assertThat(secret.getMetadata().getName()).isEqualTo("sealwright-key-" + key.keyId().value());
    assertThat(key.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(key.createdAt()).isEqualTo(T);
    assertThat(key.recipient().encoded()).isEqualTo(id.publicRecipient().encoded());
  }

  @Test
  void fromSecret_disabledLabel_isDisabled() throws Exception {
    Secret secret =
        new SecretBuilder(KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T))
            .editMetadata()
            .addToLabels(WireNames.KEY_STATE_LABEL, "disabled")
            .endMetadata()
            .build();

    assertThat(KeySecrets.fromSecret(secret).state()).isEqualTo(KeyState.DISABLED);
  }

  @Test
  void fromSecret_garbageIdentity_throwsNamingSecretNotContents() {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("k1")
            .endMetadata()
            .addToData(WireNames.KEY_IDENTITY_ITEM, "QUdFLVNFQ1JFVC1LRVktZ2FyYmFnZQ==")
            .build();

    assertThatThrownBy(() -> KeySecrets.fromSecret(secret))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("k1")
        .hasMessageNotContaining("garbage");
  }

  @Test
  void clusterKey_toString_showsNoKeyMaterial() throws Exception {
    HybridIdentity id = AgeKeys.generateHybrid();
    ClusterKey key = KeySecrets.fromSecret(KeySecrets.toSecret("ns", id, T));
    String line =
        new String(id.encoded().toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(key.toString()).doesNotContain(line).contains(key.keyId().value());
  }
}
