package dev.sealwright.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.wire.WireNames;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backups of protected key Secrets (identity wrapped by a KEK) and the escrow way back. */
class ProtectedBackupKeyTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final HybridIdentity ESCROW = AgeKeys.generateHybrid();

  private static String backup(String id, String data) {
    return """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: sealwright-key-%s
            labels: {sealwright.dev/key: "true", sealwright.dev/key-state: active}
            annotations:
              sealwright.dev/key-id: %s
              sealwright.dev/created-at: "2026-11-01T00:00:00Z"
              sealwright.dev/key-protection: aws-kms:alias/sealwright
          type: Opaque
          data: %s
        """
        .formatted(id, id, data);
  }

  private static String escrowOf(HybridIdentity key) {
    return Base64.getEncoder()
        .encodeToString(
            Age.encrypt(key.encoded().toByteArray(), List.of(ESCROW.publicRecipient())));
  }

  /**
   * A backup of one protected key Secret for {@code key} whose escrow copy holds {@code escrowed}.
   */
  private static BackupKey stored(HybridIdentity key, HybridIdentity escrowed) {
    String id = KeyId.of(key.publicRecipient()).value();
    return KeySecretList.read(
            backup(id, "{identity.wrapped: QUJD, identity.escrow: " + escrowOf(escrowed) + "}"),
            "b.age",
            NOW)
        .getFirst();
  }

  @Test
  void read_protectedKey_acceptedWithItsClaimedKeyId() {
    HybridIdentity key = AgeKeys.generateHybrid();
    String id = KeyId.of(key.publicRecipient()).value();

    List<BackupKey> keys =
        KeySecretList.read(
            backup(id, "{identity.wrapped: QUJD, identity.escrow: " + escrowOf(key) + "}"),
            "b.age",
            NOW);

    assertThat(keys)
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.keyId().value()).isEqualTo(id);
              assertThat(k.wrapped()).isTrue();
            });
  }

  @Test
  void fromEscrow_givesAPlainKeyWithTheEscrowedIdentity() {
    HybridIdentity key = AgeKeys.generateHybrid();
    BackupKey stored = stored(key, key);

    BackupKey plain = stored.fromEscrow(List.of(ESCROW));

    assertThat(plain.wrapped()).isFalse();
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) plain.secret().get("data");
    assertThat(data.keySet()).containsExactly(WireNames.KEY_IDENTITY_ITEM);
    assertThat(Base64.getDecoder().decode((String) data.get(WireNames.KEY_IDENTITY_ITEM)))
        .isEqualTo(key.encoded().toByteArray());
    Map<?, ?> annotations =
        (Map<?, ?>) ((Map<?, ?>) plain.secret().get("metadata")).get("annotations");
    assertThat(annotations.containsKey(WireNames.KEY_PROTECTION_ANNOTATION)).isFalse();
  }

  @Test
  void fromEscrow_escrowHoldsAnotherKey_refused() {
    HybridIdentity key = AgeKeys.generateHybrid();
    String id = KeyId.of(key.publicRecipient()).value();
    BackupKey stored = stored(key, AgeKeys.generateHybrid());

    CliException e =
        catchThrowableOfType(CliException.class, () -> stored.fromEscrow(List.of(ESCROW)));

    assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(e).hasMessageContaining("the escrow copy of key Secret sealwright-key-" + id);
  }

  @Test
  void fromEscrow_wrongOfflineKey_refusedWithHint() {
    BackupKey stored = stored(AgeKeys.generateHybrid(), AgeKeys.generateHybrid());

    CliException e =
        catchThrowableOfType(
            CliException.class, () -> stored.fromEscrow(List.of(AgeKeys.generateHybrid())));

    assertThat(e).hasMessageContaining("does not open with the identities given");
  }

  @Test
  void read_protectedKeyWithAnExtraItem_refused() {
    CliException e =
        catchThrowableOfType(
            CliException.class,
            () ->
                KeySecretList.read(
                    backup("0123456789abcdef", "{identity.wrapped: QUJD, extra: QUJD}"),
                    "b.age",
                    NOW));

    assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(e).hasMessageContaining("a data item a protected key Secret never has");
  }
}
