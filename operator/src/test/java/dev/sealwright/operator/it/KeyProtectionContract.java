package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.Identity;
import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.operator.SealwrightOperator;
import dev.sealwright.operator.keys.KeyStorage;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every key protector must show against the real API server and the real KEK holder
 * (docs/keys.md): keys generated and rotated wrapped, values served, no identity in etcd, a wrong
 * KEK failing closed with a clear status and recovering, plain keys refused at start unless
 * migrated, and backup/restore (and the escrow way back) with protection on. One subclass per
 * provider supplies the KEK.
 */
@ExtendWith(KubeTestEnvironment.class)
abstract class KeyProtectionContract {
  /** The offline escrow key; in real life it never touches the cluster. */
  static final HybridIdentity ESCROW = AgeKeys.generateHybrid();

  @TempDir Path dir;

  /** Storage wrapping with the KEK under test; {@code migrate} accepts plain keys. */
  abstract KeyStorage storage(boolean migrate);

  /** Storage with the same KEK name but other key material: what a wrong KEK looks like. */
  abstract KeyStorage wrongKekStorage();

  /** What the Ready message says when the wrong KEK refuses to unwrap. */
  abstract String wrongKekMessage();

  @Test
  void protectedKeys_generatedRotatedAndServed_etcdHoldsNoIdentity(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    try (OperatorHarness h =
        OperatorHarness.start(admin, ns.name(), b -> b.keyStorage(storage(false)))) {
      h.apply(h.sealWithCli(ns.name(), "first", Map.of("pw", "one")));
      h.awaitReason(ns.name(), "first", Conditions.UNSEALED);
      String oldKey = h.keySecretIds().iterator().next();

      String newSecret = h.operator.rotateKeysNow();
      String newKey = newSecret.substring(WireNames.KEY_SECRET_PREFIX.length());
      Eventually.value(
          "the keyring holds exactly the old and the new key",
          OperatorHarness.TIMEOUT,
          () -> h.activeKeyIds().equals(Set.of(oldKey, newKey)) ? true : null);
      String newRecipient =
          h.operator.keys().snapshot().current().orElseThrow().recipient().encoded();
      assertThat(h.operator.keys().snapshot().current().orElseThrow().keyId().value())
          .isEqualTo(newKey);
      Eventually.value(
          "recipients.txt names the new key",
          OperatorHarness.TIMEOUT,
          () -> h.recipientsTxt().contains(newRecipient) ? true : null);
      // Sealed to the new key alone: it opens only if the new key was unwrapped.
      h.apply(
          OperatorHarness.sealWithCli(
              newRecipient + "\n", ns.name(), "second", Map.of("pw", "two")));
      h.awaitReason(ns.name(), "second", Conditions.UNSEALED);

      assertThat(decoded(h.secret(ns.name(), "first"), "pw")).isEqualTo("one");
      assertThat(decoded(h.secret(ns.name(), "second"), "pw")).isEqualTo("two");
      List<Secret> keys = OperatorHarness.keySecrets(admin, h.operatorNamespace);
      assertThat(keys).hasSize(2);
      for (Secret key : keys) {
        String name = key.getMetadata().getName();
        assertThat(key.getData())
            .as(name)
            .containsOnlyKeys(WireNames.KEY_WRAPPED_IDENTITY_ITEM, WireNames.KEY_ESCROW_ITEM);
        assertThat(key.getMetadata().getAnnotations())
            .containsEntry(
                WireNames.KEY_PROTECTION_ANNOTATION, storage(false).protector().get().kekName());
        // The escrow copy opens with the offline key and holds the key the Secret names.
        String line = escrowedIdentity(key);
        Identity identity = AgeKeys.parseIdentity(line);
        assertThat(WireNames.keySecretName(KeyId.of(identity.recipient().get()).value()))
            .isEqualTo(name);
        byte[] stored =
            KubeTestEnvironment.etcdValue("/registry/secrets/" + h.operatorNamespace + "/" + name)
                .orElseThrow();
        String raw = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(raw).as("etcd's copy of " + name).contains(name);
        assertThat(raw)
            .as("etcd's copy of " + name + " holds no identity")
            .doesNotContain(line)
            .doesNotContain(
                Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.US_ASCII)))
            .doesNotContain("AGE-SECRET-KEY");
      }
    }
  }

  @Test
  void wrongKek_failsClosedWithStatus_thenRightKekRecovers(
      KubernetesClient admin, TestNamespace ns) {
    OperatorHarness first =
        OperatorHarness.start(admin, ns.name(), b -> b.keyStorage(storage(false)));
    String opNs = first.operatorNamespace;
    SealedSecret value = first.sealWithCli(ns.name(), "wrong-kek", Map.of("pw", "kept"));
    first.operator.close();
    Set<String> keysBefore = keyNames(admin, opNs);
    OperatorHarness wrong =
        OperatorHarness.attach(
            admin,
            opNs,
            SealwrightOperator.start(
                OperatorHarness.settings(opNs, ns.name())
                    .keyStorage(wrongKekStorage())
                    .keyUnwrapRetry(java.time.Duration.ofSeconds(1))
                    .build(),
                admin));
    try {
      wrong.apply(value);

      SealedSecret failed = wrong.awaitReason(ns.name(), "wrong-kek", Conditions.KEY_UNAVAILABLE);
      String message = failed.getStatus().condition(Conditions.READY).orElseThrow().getMessage();
      assertThat(message).contains("cannot unwrap now").contains(wrongKekMessage());
      assertThat(wrong.secret(ns.name(), "wrong-kek")).as("no Secret written").isNull();
      assertThat(wrong.operator.keys().snapshot().active()).isEmpty();
      assertThat(keyNames(admin, opNs))
          .as("no new key made while a key cannot be unwrapped")
          .isEqualTo(keysBefore);
    } finally {
      wrong.operator.close();
    }
    try (OperatorHarness right =
        OperatorHarness.startIn(admin, opNs, ns.name(), b -> b.keyStorage(storage(false)))) {
      right.awaitReason(ns.name(), "wrong-kek", Conditions.UNSEALED);
      assertThat(decoded(right.secret(ns.name(), "wrong-kek"), "pw")).isEqualTo("kept");
    }
  }

  @Test
  void plainKeys_refusedAtStart_thenMigratedInPlace(KubernetesClient admin, TestNamespace ns) {
    OperatorHarness plain = OperatorHarness.start(admin, ns.name());
    String opNs = plain.operatorNamespace;
    SealedSecret value = plain.sealWithCli(ns.name(), "migrated", Map.of("pw", "same"));
    plain.operator.close();
    Set<String> names = keyNames(admin, opNs);

    assertThatThrownBy(
            () ->
                SealwrightOperator.start(
                    OperatorHarness.settings(opNs, ns.name()).keyStorage(storage(false)).build(),
                    admin))
        .isInstanceOf(SealwrightOperator.Refused.class)
        .hasMessageContaining("hold plain identities")
        .hasMessageContaining(names.iterator().next());

    OperatorHarness migrating =
        OperatorHarness.startIn(admin, opNs, ns.name(), b -> b.keyStorage(storage(true)));
    try {
      Eventually.value(
          "every key Secret protected",
          OperatorHarness.TIMEOUT,
          () ->
              OperatorHarness.keySecrets(admin, opNs).stream()
                      .allMatch(s -> s.getData().containsKey(WireNames.KEY_WRAPPED_IDENTITY_ITEM))
                  ? true
                  : null);
      assertThat(keyNames(admin, opNs)).as("the same keys, protected in place").isEqualTo(names);
      for (Secret key : OperatorHarness.keySecrets(admin, opNs)) {
        assertThat(key.getData()).doesNotContainKey(WireNames.KEY_IDENTITY_ITEM);
      }
    } finally {
      migrating.operator.close();
    }
    try (OperatorHarness h =
        OperatorHarness.startIn(admin, opNs, ns.name(), b -> b.keyStorage(storage(false)))) {
      h.apply(value);
      h.awaitReason(ns.name(), "migrated", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "migrated"), "pw")).isEqualTo("same");
    }
  }

  @Test
  void backupAndRestore_withProtection_roundTrip_andEscrowRestoresWithoutTheKek(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    Path offline = dir.resolve("offline.txt");
    Files.write(offline, ESCROW.encoded().toByteArray());
    Path backup = dir.resolve("keys.age");
    SealedSecret value;
    SealedSecret other;
    try (OperatorHarness h =
        OperatorHarness.start(admin, ns.name(), b -> b.keyStorage(storage(false)))) {
      value = h.sealWithCli(ns.name(), "restored", Map.of("pw", "back"));
      other = h.sealWithCli(ns.name(), "escrowed", Map.of("pw", "also"));
      CliRun b = new ClusterCli(dir).backup(h.operatorNamespace, ESCROW, backup);
      assertThat(b.code()).as(b.err()).isZero();
    }

    String sameKek = OperatorHarness.newNamespace(admin, "sw-op-");
    ClusterCli cli = new ClusterCli(dir);
    CliRun restore =
        cli.run(sameKek, "keys", "restore", "-i", offline.toString(), backup.toString(), "--yes");
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(OperatorHarness.keySecrets(admin, sameKek))
        .allMatch(s -> s.getData().containsKey(WireNames.KEY_WRAPPED_IDENTITY_ITEM));
    try (OperatorHarness h =
        OperatorHarness.startIn(admin, sameKek, ns.name(), b -> b.keyStorage(storage(false)))) {
      h.apply(value);
      h.awaitReason(ns.name(), "restored", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "restored"), "pw")).isEqualTo("back");
    }
    // The KEK is lost: the escrow copies, opened with the offline key, become plain keys.
    String noKek = OperatorHarness.newNamespace(admin, "sw-op-");
    CliRun escrowed =
        cli.run(
            noKek,
            "keys",
            "restore",
            "-i",
            offline.toString(),
            backup.toString(),
            "--from-escrow",
            "--yes");
    assertThat(escrowed.code()).as(escrowed.err()).isZero();
    assertThat(OperatorHarness.keySecrets(admin, noKek))
        .allMatch(s -> s.getData().keySet().equals(Set.of(WireNames.KEY_IDENTITY_ITEM)));
    try (OperatorHarness h = OperatorHarness.startIn(admin, noKek, ns.name(), b -> {})) {
      h.apply(other);
      h.awaitReason(ns.name(), "escrowed", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "escrowed"), "pw")).isEqualTo("also");
    }
  }

  static Set<String> keyNames(KubernetesClient admin, String opNs) {
    return OperatorHarness.keySecrets(admin, opNs).stream()
        .map(s -> s.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  static String escrowedIdentity(Secret key) throws Exception {
    byte[] file = Base64.getDecoder().decode(key.getData().get(WireNames.KEY_ESCROW_ITEM));
    SecretBytes line = Age.decrypt(file, List.of(ESCROW));
    return new String(line.toByteArray(), StandardCharsets.US_ASCII).strip();
  }
}
