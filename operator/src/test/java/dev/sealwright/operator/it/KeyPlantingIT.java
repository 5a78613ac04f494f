package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.api.v1.TemplateMetadata;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.operator.keys.KeySecrets;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The key-planting attack of issue 8 against a real API server: a tenant who may create
 * SealedSecrets tries to make the operator load a key of the tenant's choosing as the current one.
 */
@ExtendWith(KubeTestEnvironment.class)
class KeyPlantingIT {

  /** An operator that watches its own namespace too, as a cluster-wide install does. */
  private static OperatorHarness start(KubernetesClient admin, String tenantNs) {
    OperatorHarness.installCrd(admin);
    String opNs = OperatorHarness.newNamespace(admin, "sw-op-");
    return OperatorHarness.startIn(
        admin, opNs, tenantNs, b -> b.watchNamespaces(Set.of(opNs, tenantNs)));
  }

  /** A SealedSecret whose Secret would look like a key Secret dated far in the future. */
  private static SealedSecret keyShaped(OperatorHarness h, String namespace, String name) {
    HybridIdentity planted = AgeKeys.generateHybrid();
    String line =
        new String(planted.encoded().toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
    SealedSecret ss = h.sealWithCli(namespace, name, Map.of(WireNames.KEY_IDENTITY_ITEM, line));
    TemplateMetadata meta = new TemplateMetadata();
    meta.setLabels(Map.of(WireNames.KEY_LABEL, "true"));
    meta.setAnnotations(
        Map.of(
            WireNames.KEY_CREATED_AT_ANNOTATION,
            "2099-01-01T00:00:00Z",
            WireNames.KEY_ID_ANNOTATION,
            KeyId.of(planted.publicRecipient()).value()));
    SecretTemplate template = new SecretTemplate();
    template.setMetadata(meta);
    ss.getSpec().setTemplate(template);
    return ss;
  }

  @Test
  void sealedSecretInOperatorNamespace_neverUnsealed_currentKeyUnchanged(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = start(admin, ns.name())) {
      String current = h.operator.keys().snapshot().current().orElseThrow().keyId().value();
      String recipients = h.recipientsTxt();

      h.apply(keyShaped(h, h.operatorNamespace, "sealwright-key-planted"));
      SealedSecret refused =
          h.awaitReason(
              h.operatorNamespace, "sealwright-key-planted", Conditions.RESERVED_NAMESPACE);

      assertThat(h.secret(h.operatorNamespace, "sealwright-key-planted")).isNull();
      assertThat(refused.getStatus().condition(Conditions.READY).orElseThrow().getMessage())
          .contains("operator's namespace");
      assertThat(h.operator.keys().snapshot().keys())
          .extracting(k -> k.keyId().value())
          .containsExactly(current);
      assertThat(h.operator.keys().snapshot().current().orElseThrow().keyId().value())
          .isEqualTo(current);
      assertThat(h.recipientsTxt()).isEqualTo(recipients);
    }
  }

  @Test
  void reservedTemplateLabel_inTenantNamespace_malformedNamingTheField_noSecret(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = start(admin, ns.name())) {
      h.apply(keyShaped(h, ns.name(), "sneaky"));
      SealedSecret refused = h.awaitReason(ns.name(), "sneaky", Conditions.MALFORMED);

      assertThat(h.secret(ns.name(), "sneaky")).isNull();
      assertThat(refused.getStatus().condition(Conditions.READY).orElseThrow().getMessage())
          .contains("spec.template.metadata.labels[" + WireNames.KEY_LABEL + "]");
    }
  }

  @Test
  void serviceAccountTokenType_refused_noSecret(KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = start(admin, ns.name())) {
      SealedSecret ss = h.sealWithCli(ns.name(), "token", Map.of("token", "x"));
      SecretTemplate template = new SecretTemplate();
      template.setType("kubernetes.io/service-account-token");
      ss.getSpec().setTemplate(template);
      h.apply(ss);

      SealedSecret refused = h.awaitReason(ns.name(), "token", Conditions.MALFORMED);

      assertThat(h.secret(ns.name(), "token")).isNull();
      assertThat(refused.getStatus().condition(Conditions.READY).orElseThrow().getMessage())
          .contains("spec.template.type");
    }
  }

  @Test
  void keySecretWithFutureCreatedAtOrWrongName_ignored_currentKeyUnchanged(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = start(admin, ns.name())) {
      String current = h.operator.keys().snapshot().current().orElseThrow().keyId().value();
      HybridIdentity future = AgeKeys.generateHybrid();
      admin
          .resource(
              KeySecrets.toSecret(
                  h.operatorNamespace, future, Instant.parse("2099-01-01T00:00:00Z")))
          .create();
      HybridIdentity misnamed = AgeKeys.generateHybrid();
      Secret wrongName = KeySecrets.toSecret(h.operatorNamespace, misnamed, Instant.now());
      wrongName.getMetadata().setName("sealwright-key-0000000000000000");
      admin.resource(wrongName).create();
      // A legitimate import made after both: once the watcher has it, it has seen the others.
      HybridIdentity sentinel = AgeKeys.generateHybrid();
      admin
          .resource(
              KeySecrets.toSecret(
                  h.operatorNamespace, sentinel, Instant.parse("2020-01-01T00:00:00Z")))
          .create();
      KeyId sentinelId = KeyId.of(sentinel.publicRecipient());
      Eventually.await(
          "the watcher loaded the sentinel key",
          OperatorHarness.TIMEOUT,
          () ->
              h.operator.keys().snapshot().keys().stream()
                  .anyMatch(k -> k.keyId().equals(sentinelId)));

      assertThat(h.operator.keys().snapshot().keys())
          .extracting(k -> k.keyId())
          .doesNotContain(KeyId.of(future.publicRecipient()), KeyId.of(misnamed.publicRecipient()));
      assertThat(h.operator.keys().snapshot().current().orElseThrow().keyId().value())
          .isEqualTo(current);
    }
  }
}
