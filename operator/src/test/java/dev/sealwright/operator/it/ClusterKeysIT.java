package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.TIMEOUT;
import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.operator.Fixtures;
import dev.sealwright.operator.keys.KeySecrets;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Key generation, rotation and key changes without restart, against a real API server. */
@ExtendWith(KubeTestEnvironment.class)
class ClusterKeysIT {

  private static JsonNode keysJson(OperatorHarness h) throws Exception {
    return new ObjectMapper()
        .readTree(
            h.admin
                .configMaps()
                .inNamespace(h.operatorNamespace)
                .withName(WireNames.PUBLIC_KEYS_CONFIGMAP)
                .get()
                .getData()
                .get(WireNames.KEYS_JSON));
  }

  private static String keyIdOf(SealedSecret ss, String item) throws Exception {
    return Sealer.inspect(ss.getSpec().getEncryptedData().get(item)).keyIds().getFirst().value();
  }

  @Test
  void firstStart_generatesOnePostQuantumKeySecretAndPublishesIt(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      var keySecrets = OperatorHarness.keySecrets(admin, h.operatorNamespace);

      assertThat(keySecrets).hasSize(1);
      JsonNode json = keysJson(h);
      assertThat(json.get("keys")).hasSize(1);
      assertThat(json.get("keys").get(0).get("recipient").asText()).startsWith("age1pq1");
      assertThat(json.get("current").asText())
          .isEqualTo(
              keySecrets
                  .getFirst()
                  .getMetadata()
                  .getAnnotations()
                  .get(WireNames.KEY_ID_ANNOTATION));
      assertThat(h.recipientsTxt()).doesNotContain("AGE-SECRET-KEY");
    }
  }

  @Test
  void forcedRotation_newSealsUseNewKey_oldStillReconcile_configMapListsBoth(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      String oldKey = h.keySecretIds().iterator().next();
      assertThat(h.keySecretIds()).containsExactly(oldKey);
      SealedSecret old = h.sealWithCli(ns.name(), "old", Map.of("pw", "before"));

      String newKey = h.keyIdOfSecret(h.operator.rotateKeysNow());
      // Both conditions are needed: the ConfigMap is what the CLI seals to, the keyring is what
      // the reconciler opens with, and each follows the new key Secret on its own.
      Eventually.await(
          "the keyring holds the old and the new key",
          TIMEOUT,
          () -> h.activeKeyIds().equals(Set.of(oldKey, newKey)));
      Eventually.await(
          "keys.json names the new key current and lists both",
          TIMEOUT,
          () -> {
            try {
              JsonNode json = keysJson(h);
              return json.get("current").asText().equals(newKey) && json.get("keys").size() == 2;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      SealedSecret fresh = h.sealWithCli(ns.name(), "fresh", Map.of("pw", "after"));
      h.apply(old);
      h.apply(fresh);

      assertThat(newKey).isNotEqualTo(oldKey);
      assertThat(keyIdOf(fresh, "pw")).isEqualTo(newKey);
      assertThat(keyIdOf(old, "pw")).isEqualTo(oldKey);
      h.awaitReason(ns.name(), "old", Conditions.UNSEALED);
      h.awaitReason(ns.name(), "fresh", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "old"), "pw")).isEqualTo("before");
      assertThat(decoded(h.secret(ns.name(), "fresh"), "pw")).isEqualTo("after");
    }
  }

  /**
   * The operator reads the time from a clock the test holds still and then moves past the rotation
   * period: the rotation happens because the period passed, never because the machine was slow (or
   * fast) enough.
   */
  @Test
  void rotationPeriodElapsed_leaderAddsNewCurrentKeyOnItsOwn(
      KubernetesClient admin, TestNamespace ns) {
    Duration period = Duration.ofDays(30);
    ManualClock clock = new ManualClock(Instant.now().minus(Duration.ofDays(31)));
    try (OperatorHarness h =
        OperatorHarness.start(admin, ns.name(), b -> b.rotationPeriod(period), clock)) {
      String first = h.keySecretIds().iterator().next();
      assertThat(h.keySecretIds()).containsExactly(first);
      Eventually.await(
          "the keyring holds the first key", TIMEOUT, () -> h.activeKeyIds().equals(Set.of(first)));
      assertThat(h.operator.keys().snapshot().current().orElseThrow().createdAt())
          .isEqualTo(clock.instant());

      clock.advance(period);

      Eventually.await("a second key Secret", TIMEOUT, () -> h.keySecretIds().size() == 2);
      String second =
          h.keySecretIds().stream().filter(id -> !id.equals(first)).findFirst().orElseThrow();
      Eventually.await(
          "the keyring holds both keys",
          TIMEOUT,
          () -> h.activeKeyIds().equals(Set.of(first, second)));
      assertThat(h.operator.keys().snapshot().current().orElseThrow().keyId().value())
          .isEqualTo(second);
      assertThat(h.keySecretIds()).as("exactly one rotation").hasSize(2);
    }
  }

  @Test
  void keyAddedAsSecret_usedWithoutRestart(KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      HybridIdentity imported = AgeKeys.generateHybrid();
      h.apply(
          Fixtures.sealedSecret(
              ns.name(),
              "migrated",
              Fixtures.seal(imported, ns.name(), "migrated", Map.of("pw", "moved"))));
      h.awaitReason(ns.name(), "migrated", Conditions.NO_MATCHING_KEY);
      assertThat(h.secret(ns.name(), "migrated")).isNull();

      admin
          .resource(
              KeySecrets.toSecret(
                  h.operatorNamespace, imported, Instant.parse("2020-01-01T00:00:00Z")))
          .create();

      h.awaitReason(ns.name(), "migrated", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "migrated"), "pw")).isEqualTo("moved");
      assertThat(h.operator.keys().snapshot().current().orElseThrow().keyId())
          .as("an imported older key does not become current")
          .isNotEqualTo(KeyId.of(imported.publicRecipient()));
    }
  }

  @Test
  void classicX25519KeyAddedAsSecret_valuesSealedToItStillOpen_newerButNeverCurrent(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      var classic = AgeKeys.generateX25519();
      String classicId = KeyId.of(classic.publicRecipient()).value();
      String pqId = h.operator.keys().snapshot().current().orElseThrow().keyId().value();
      // Newer than the post-quantum key the operator made at start, yet it must not replace it.
      String createdAt = Instant.now().minusSeconds(1).toString();
      admin
          .resource(
              new io.fabric8.kubernetes.api.model.SecretBuilder()
                  .withNewMetadata()
                  .withName(WireNames.keySecretName(classicId))
                  .withNamespace(h.operatorNamespace)
                  .addToLabels(WireNames.KEY_LABEL, "true")
                  .addToAnnotations(WireNames.KEY_ID_ANNOTATION, classicId)
                  .addToAnnotations(WireNames.KEY_CREATED_AT_ANNOTATION, createdAt)
                  .endMetadata()
                  .addToData(
                      WireNames.KEY_IDENTITY_ITEM,
                      java.util.Base64.getEncoder().encodeToString(classic.encoded().toByteArray()))
                  .build())
          .create();
      h.apply(
          Fixtures.sealedSecret(
              ns.name(),
              "classic",
              Fixtures.seal(classic, ns.name(), "classic", Map.of("pw", "x25519"))));

      h.awaitReason(ns.name(), "classic", Conditions.UNSEALED);

      assertThat(decoded(h.secret(ns.name(), "classic"), "pw")).isEqualTo("x25519");
      // Wait until the ConfigMap was published with the classic key in it, then check which
      // key it names as the one to seal to.
      Eventually.await(
          "keys.json lists the classic key",
          OperatorHarness.TIMEOUT,
          () ->
              admin
                  .configMaps()
                  .inNamespace(h.operatorNamespace)
                  .withName(WireNames.PUBLIC_KEYS_CONFIGMAP)
                  .get()
                  .getData()
                  .get(WireNames.KEYS_JSON)
                  .contains(classicId));
      assertThat(h.recipientsTxt())
          .as("new seals still go to the post-quantum key")
          .contains("age1pq1")
          .contains(pqId)
          .doesNotContain(classicId);
      assertThat(h.operator.keys().snapshot().current().orElseThrow().keyId().value())
          .isEqualTo(pqId);
    }
  }

  @Test
  void keyDisabledByLabel_stopsOpeningNewObjectsWithoutRestart(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      String oldKey = h.keySecretIds().iterator().next();
      SealedSecret sealed = h.sealWithCli(ns.name(), "late", Map.of("pw", "x"));
      assertThat(keyIdOf(sealed, "pw")).isEqualTo(oldKey);
      String newKey = h.keyIdOfSecret(h.operator.rotateKeysNow());
      Eventually.await(
          "the keyring holds the old and the new key",
          TIMEOUT,
          () -> h.activeKeyIds().equals(Set.of(oldKey, newKey)));

      h.labelKeyState(oldKey, WireNames.KEY_STATE_DISABLED);
      Eventually.await(
          "only the new key active", TIMEOUT, () -> h.activeKeyIds().equals(Set.of(newKey)));
      h.apply(sealed);

      h.awaitReason(ns.name(), "late", Conditions.NO_MATCHING_KEY);
      assertThat(h.secret(ns.name(), "late")).isNull();
    }
  }
}
