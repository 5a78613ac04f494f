package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.testing.Leaks;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyStorageTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final HybridIdentity ESCROW = AgeKeys.generateHybrid();

  private final JdkAesProtector kek = new JdkAesProtector("test-kek:one");
  private final KeyStorage storage =
      KeyStorage.protectedBy(kek, List.of(ESCROW.publicRecipient()), false);

  @Test
  void protectedSecret_holdsNoIdentity_andReadsBackTheSameKey() throws Exception {
    HybridIdentity id = AgeKeys.generateHybrid();
    String line = new String(id.encoded().toByteArray(), StandardCharsets.US_ASCII);

    Secret secret = KeySecrets.toSecret("ns", id, T, storage);
    ClusterKey key = KeySecrets.fromSecret(secret, storage);

    assertThat(secret.getData())
        .containsOnlyKeys(WireNames.KEY_WRAPPED_IDENTITY_ITEM, WireNames.KEY_ESCROW_ITEM);
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry(WireNames.KEY_PROTECTION_ANNOTATION, "test-kek:one");
    String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(secret);
    Leaks.assertNone(yaml, line);
    assertThat(key.keyId()).isEqualTo(KeyId.of(id.publicRecipient()));
    assertThat(key.createdAt()).isEqualTo(T);
  }

  @Test
  void escrowCopy_opensWithTheOfflineKey_toTheSameIdentity() throws Exception {
    HybridIdentity id = AgeKeys.generateHybrid();

    Secret secret = KeySecrets.toSecret("ns", id, T, storage);
    byte[] escrow = Base64.getDecoder().decode(secret.getData().get(WireNames.KEY_ESCROW_ITEM));

    assertThat(Age.decrypt(escrow, List.of(ESCROW)).toByteArray())
        .isEqualTo(id.encoded().toByteArray());
  }

  @Test
  void noEscrow_storesTheWrappedIdentityOnly() throws Exception {
    KeyStorage bare = KeyStorage.protectedBy(kek, List.of(), false);

    Secret secret = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T, bare);

    assertThat(secret.getData()).containsOnlyKeys(WireNames.KEY_WRAPPED_IDENTITY_ITEM);
  }

  @Test
  void plainSecret_underProtection_refusedUnlessMigrating() throws Exception {
    Secret plain = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T);

    assertThatThrownBy(() -> KeySecrets.fromSecret(plain, storage))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("holds a plain identity while key protection is on (test-kek:one)")
        .hasMessageContaining("--migrate-plain-keys");
    KeyStorage migrating = KeyStorage.protectedBy(kek, List.of(), true);
    assertThat(KeySecrets.fromSecret(plain, migrating).keyId().value())
        .isEqualTo(plain.getMetadata().getAnnotations().get(WireNames.KEY_ID_ANNOTATION));
  }

  @Test
  void protectedSecret_withoutProtection_refusedNamingItsKek() throws Exception {
    Secret secret = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T, storage);

    assertThatThrownBy(() -> KeySecrets.fromSecret(secret, KeyStorage.PLAIN))
        .isInstanceOf(KeyProtectionException.class)
        .hasMessageContaining("is protected by test-kek:one")
        .hasMessageContaining("--key-protection");
  }

  @Test
  void protectedSecret_anotherKekName_refusedWithoutCallingIt() throws Exception {
    Secret secret = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T, storage);
    JdkAesProtector other = new JdkAesProtector("test-kek:two");

    assertThatThrownBy(
            () -> KeySecrets.fromSecret(secret, KeyStorage.protectedBy(other, List.of(), false)))
        .isInstanceOf(KeyProtectionException.class)
        .hasMessageContaining("is protected by test-kek:one, but this operator uses test-kek:two");
    assertThat(other.unwraps).isZero();
  }

  @Test
  void wrappedIdentityMovedToAnotherKeySecret_failsToUnwrap() throws Exception {
    Secret a = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T, storage);
    Secret b = KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T, storage);
    Secret swapped =
        new SecretBuilder(b)
            .addToData(
                WireNames.KEY_WRAPPED_IDENTITY_ITEM,
                a.getData().get(WireNames.KEY_WRAPPED_IDENTITY_ITEM))
            .build();

    assertThatThrownBy(() -> KeySecrets.fromSecret(swapped, storage))
        .isInstanceOf(KeyProtectionException.class)
        .hasMessageContaining("does not open with this KEK")
        .satisfies(e -> assertThat(((KeyProtectionException) e).retryable()).isFalse());
  }

  @Test
  void plainAndWrappedTogether_refused() throws Exception {
    Secret secret =
        new SecretBuilder(KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T, storage))
            .addToData(WireNames.KEY_IDENTITY_ITEM, "eA==")
            .build();

    assertThatThrownBy(() -> KeySecrets.fromSecret(secret, storage))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("holds both a plain and a wrapped identity");
  }

  @Test
  void oversizedWrappedItem_refusedBeforeTheKekIsCalled() throws Exception {
    Secret secret =
        new SecretBuilder(KeySecrets.toSecret("ns", AgeKeys.generateHybrid(), T, storage))
            .addToData(WireNames.KEY_WRAPPED_IDENTITY_ITEM, "A".repeat(20_000))
            .build();
    int before = kek.unwraps;

    assertThatThrownBy(() -> KeySecrets.fromSecret(secret, storage))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("too large");
    assertThat(kek.unwraps).isEqualTo(before);
  }

  @Test
  void migration_protectsInPlace_keepingNameLabelsAndCreatedAt() throws Exception {
    HybridIdentity id = AgeKeys.generateHybrid();
    Secret plain = KeySecrets.toSecret("ns", id, T);

    Secret migrated = KeyMigration.protect(plain, storage);

    assertThat(migrated.getMetadata().getName()).isEqualTo(plain.getMetadata().getName());
    assertThat(migrated.getMetadata().getLabels()).isEqualTo(plain.getMetadata().getLabels());
    assertThat(migrated.getMetadata().getAnnotations())
        .containsAllEntriesOf(plain.getMetadata().getAnnotations())
        .containsEntry(WireNames.KEY_PROTECTION_ANNOTATION, "test-kek:one");
    assertThat(migrated.getData()).doesNotContainKey(WireNames.KEY_IDENTITY_ITEM);
    assertThat(KeySecrets.fromSecret(migrated, storage).keyId())
        .isEqualTo(KeyId.of(id.publicRecipient()));
  }
}
