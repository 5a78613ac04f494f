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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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

  private static Secret planted(HybridIdentity id, String name, String keyIdAnnotation) {
    Secret s = KeySecrets.toSecret("sealwright", id, T);
    s.getMetadata().setName(name);
    s.getMetadata().getAnnotations().put(WireNames.KEY_ID_ANNOTATION, keyIdAnnotation);
    s.getMetadata().setCreationTimestamp(T.toString());
    return s;
  }

  @Test
  void fromSecret_nameNotDerivedFromIdentity_refused() {
    HybridIdentity id = AgeKeys.generateHybrid();
    String keyId = KeyId.of(id.publicRecipient()).value();
    assertThatThrownBy(() -> KeySecrets.fromSecret(planted(id, "db", keyId)))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("its name must be sealwright-key-" + keyId);
  }

  @Test
  void fromSecret_keyIdAnnotationDisagrees_refused() {
    HybridIdentity id = AgeKeys.generateHybrid();
    String keyId = KeyId.of(id.publicRecipient()).value();
    assertThatThrownBy(
            () ->
                KeySecrets.fromSecret(
                    planted(id, WireNames.keySecretName(keyId), "0000000000000000")))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining(WireNames.KEY_ID_ANNOTATION);
  }

  @Test
  void fromSecret_createdAtAfterCreationTimestamp_refused() {
    HybridIdentity id = AgeKeys.generateHybrid();
    String keyId = KeyId.of(id.publicRecipient()).value();
    Secret s = planted(id, WireNames.keySecretName(keyId), keyId);
    s.getMetadata()
        .getAnnotations()
        .put(WireNames.KEY_CREATED_AT_ANNOTATION, "2099-01-01T00:00:00Z");
    assertThatThrownBy(() -> KeySecrets.fromSecret(s))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("2099-01-01T00:00:00Z")
        .hasMessageContaining("after the Secret itself was created");
  }

  @Test
  void fromSecret_createdAtWithinSkewOfCreationTimestamp_accepted() throws Exception {
    HybridIdentity id = AgeKeys.generateHybrid();
    String keyId = KeyId.of(id.publicRecipient()).value();
    Secret s = planted(id, WireNames.keySecretName(keyId), keyId);
    // The operator stamps created-at with sub-second precision just before the server's
    // whole-second creationTimestamp; that must not refuse its own keys.
    Instant stamped = T.plusMillis(900);
    s.getMetadata().getAnnotations().put(WireNames.KEY_CREATED_AT_ANNOTATION, stamped.toString());
    assertThat(KeySecrets.fromSecret(s).createdAt()).isEqualTo(stamped);
  }

  @Test
  void fromSecret_ownedByAnotherObject_refused() {
    HybridIdentity id = AgeKeys.generateHybrid();
    String keyId = KeyId.of(id.publicRecipient()).value();
    Secret s = planted(id, WireNames.keySecretName(keyId), keyId);
    s.getMetadata()
        .setOwnerReferences(
            java.util.List.of(
                new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                    .withApiVersion("sealwright.dev/v1")
                    .withKind("SealedSecret")
                    .withName("x")
                    .withUid("u")
                    .build()));
    assertThatThrownBy(() -> KeySecrets.fromSecret(s))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("owned by another object");
  }

  @Test
  void fromSecret_noOwnerReferenceListOrLabels_acceptedAsActive() throws Exception {
    Secret secret = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    secret.getMetadata().setOwnerReferences(null);
    secret.getMetadata().setLabels(null);

    assertThat(KeySecrets.fromSecret(secret).state()).isEqualTo(KeyState.ACTIVE);
  }

  @Test
  void fromSecret_noIdentityItem_refused() {
    Secret noData = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    noData.setData(null);
    Secret otherItem = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    otherItem.setData(java.util.Map.of("other", "eA=="));

    for (Secret s : new Secret[] {noData, otherItem}) {
      assertThatThrownBy(() -> KeySecrets.fromSecret(s))
          .isInstanceOf(MalformedException.class)
          .hasMessageContaining("has no data item '" + WireNames.KEY_IDENTITY_ITEM + "'");
    }
  }

  @Test
  void fromSecret_identityItemOverTheSizeLimit_refusedBeforeDecoding() {
    Secret atLimit = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    atLimit.setData(java.util.Map.of(WireNames.KEY_IDENTITY_ITEM, "A".repeat(4096)));
    Secret over = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    over.setData(java.util.Map.of(WireNames.KEY_IDENTITY_ITEM, "A".repeat(4097)));

    assertThatThrownBy(() -> KeySecrets.fromSecret(atLimit))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("does not hold a valid age identity");
    assertThatThrownBy(() -> KeySecrets.fromSecret(over))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("too large for a key");
  }

  @Test
  void fromSecret_twoIdentitiesInTheItem_refused() {
    String two =
        new String(AgeKeys.generateHybrid().encoded().toByteArray(), StandardCharsets.US_ASCII)
            + "\n"
            + new String(
                AgeKeys.generateHybrid().encoded().toByteArray(), StandardCharsets.US_ASCII);
    Secret s = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    s.setData(
        java.util.Map.of(
            WireNames.KEY_IDENTITY_ITEM,
            Base64.getEncoder().encodeToString(two.getBytes(StandardCharsets.US_ASCII))));

    assertThatThrownBy(() -> KeySecrets.fromSecret(s))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("must hold exactly one age identity");
  }

  @Test
  void fromSecret_noAnnotations_refusedForTheMissingKeyId() {
    Secret s = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    s.getMetadata().setAnnotations(null);

    assertThatThrownBy(() -> KeySecrets.fromSecret(s))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("does not say so");
  }

  @Test
  void fromSecret_noCreatedAtAnnotation_fallsBackToServerTimeElseEpoch() throws Exception {
    Secret withServerTime = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    withServerTime.getMetadata().getAnnotations().remove(WireNames.KEY_CREATED_AT_ANNOTATION);
    withServerTime.getMetadata().setCreationTimestamp("2026-02-01T00:00:00Z");
    Secret bare = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);
    bare.getMetadata().getAnnotations().remove(WireNames.KEY_CREATED_AT_ANNOTATION);

    assertThat(KeySecrets.fromSecret(withServerTime).createdAt())
        .isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(KeySecrets.fromSecret(bare).createdAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void keyStateFromLabel_onlyActiveOrMissingIsActive() {
    assertThat(KeyState.fromLabel(null)).isEqualTo(KeyState.ACTIVE);
    assertThat(KeyState.fromLabel("active")).isEqualTo(KeyState.ACTIVE);
    for (String other : new String[] {"disabled", "Active", "", "retired"}) {
      assertThat(KeyState.fromLabel(other)).as("'%s'", other).isEqualTo(KeyState.DISABLED);
    }
  }
}
