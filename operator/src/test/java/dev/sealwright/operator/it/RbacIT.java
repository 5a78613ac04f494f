package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.TIMEOUT;
import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.operator.OperatorSettings;
import dev.sealwright.operator.SealwrightOperator;
import dev.sealwright.operator.deploy.Helm;
import dev.sealwright.operator.reconcile.EventReasons;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.RestrictedClient;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.Defaults;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator runs as its own ServiceAccount under the Roles the Helm chart renders for a
 * namespaced install ({@code watchNamespaces} set): it works, every verb it needs is granted (the
 * recreate path's {@code delete}, the Events it records), and it cannot read Secrets it has no
 * business with. When a verb is taken away, the failure shows.
 */
@ExtendWith(KubeTestEnvironment.class)
class RbacIT {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  /** An operator running in this JVM as the chart's ServiceAccount, with the rendered Roles. */
  private record Install(String operatorNamespace, KubernetesClient sa, OperatorHarness harness)
      implements AutoCloseable {
    SealwrightOperator operator() {
      return harness.operator;
    }

    @Override
    public void close() {
      harness.close();
      sa.close();
    }
  }

  /**
   * Applies the namespaced install exactly as the chart renders it (Deployment and Service
   * included; no pod runs here), each object passed through {@code edit} first, and starts the
   * operator under the rendered ServiceAccount's token.
   */
  private static Install install(
      KubernetesClient admin, String watched, UnaryOperator<HasMetadata> edit) {
    OperatorHarness.installCrd(admin);
    String opNs = OperatorHarness.newNamespace(admin, "sw-op-");
    List<HasMetadata> objects = Helm.objects(opNs, "watchNamespaces={" + watched + "}");
    assertThat(objects).noneMatch(o -> o.getKind().startsWith("ClusterRole"));
    for (HasMetadata o : objects) {
      admin.resource(edit.apply(o)).create();
    }
    String serviceAccount =
        objects.stream()
            .filter(o -> o.getKind().equals("ServiceAccount"))
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getName();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(opNs)
            .withName(serviceAccount)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config adminConfig = admin.getConfiguration();
    Config saConfig =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(adminConfig.getMasterUrl())
            .withCaCertData(adminConfig.getCaCertData())
            .withCaCertFile(adminConfig.getCaCertFile())
            .withOauthToken(token)
            .build();
    OperatorSettings settings =
        OperatorHarness.settings(opNs, watched)
            .leaderElection(true)
            .leaseName(Defaults.LEASE_NAME)
            .build();
    KubernetesClient sa = new KubernetesClientBuilder().withConfig(saConfig).build();
    OperatorHarness h = OperatorHarness.attach(admin, opNs, SealwrightOperator.start(settings, sa));
    h.awaitPublished();
    return new Install(opNs, sa, h);
  }

  private static List<Event> eventsOn(KubernetesClient admin, String namespace, String name) {
    return admin.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void operatorUnderRenderedRoles_reconciles_butCannotReadOtherSecrets(
      KubernetesClient admin, TestNamespace watched, RestrictedClient restricted) {
    String other = OperatorHarness.newNamespace(admin, "t-other-");
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("private")
                .withNamespace(other)
                .endMetadata()
                .addToStringData("k", "v")
                .build())
        .create();
    try (Install in = install(admin, watched.name(), o -> o)) {
      OperatorHarness h = in.harness();
      KubernetesClient sa = in.sa();
      h.apply(h.sealWithCli(watched.name(), "db", Map.of("pw", "s3cret")));

      h.awaitReason(watched.name(), "db", Conditions.UNSEALED);
      assertThat(decoded(h.secret(watched.name(), "db"), "pw")).isEqualTo("s3cret");

      assertForbidden(() -> sa.secrets().inNamespace(other).withName("private").get());
      assertForbidden(() -> sa.secrets().inNamespace(other).list());
      assertForbidden(() -> sa.secrets().inAnyNamespace().list());
      assertForbidden(() -> sa.secrets().inNamespace("kube-system").list());
      assertForbidden(() -> sa.configMaps().inNamespace(other).list());

      // Every authenticated user reads the public keys, and nothing else of the operator's.
      KubernetesClient user = restricted.client();
      assertThat(
              user.configMaps()
                  .inNamespace(in.operatorNamespace())
                  .withName(WireNames.PUBLIC_KEYS_CONFIGMAP)
                  .get()
                  .getData())
          .containsKey(WireNames.RECIPIENTS_TXT);
      assertForbidden(
          () ->
              user.secrets()
                  .inNamespace(in.operatorNamespace())
                  .withLabel(WireNames.KEY_LABEL, "true")
                  .list());
    } finally {
      admin.namespaces().withName(other).delete();
    }
  }

  /**
   * Retirement under the rendered Roles: the refusal is written on the key Secret (patch) with a
   * Warning event there, and a retirement deletes the key Secret and creates the retired-keys
   * ConfigMap, which every replica watches by name.
   */
  @Test
  void operatorUnderRenderedRoles_refusesAndCarriesOutRetirement(
      KubernetesClient admin, TestNamespace watched) throws Exception {
    try (Install in = install(admin, watched.name(), o -> o)) {
      OperatorHarness h = in.harness();
      ClusterCli cli = new ClusterCli(dir);
      String current = h.keySecretIds().iterator().next();
      dev.sealwright.age.HybridIdentity spare = dev.sealwright.age.AgeKeys.generateHybrid();
      String spareId = dev.sealwright.envelope.KeyId.of(spare.publicRecipient()).value();
      admin
          .resource(
              dev.sealwright.operator.keys.KeySecrets.toSecret(
                  in.operatorNamespace(), spare, java.time.Instant.parse("2020-01-01T00:00:00Z")))
          .create();
      h.labelKeyState(spareId, WireNames.KEY_STATE_DISABLED);
      Eventually.await(
          "the spare key read as disabled",
          TIMEOUT,
          () ->
              h.operator.keys().snapshot().keys().stream()
                  .anyMatch(
                      k ->
                          k.keyId().value().equals(spareId)
                              && k.state() == dev.sealwright.operator.keys.KeyState.DISABLED));

      CliRun refused = cli.run(in.operatorNamespace(), "keys", "retire", current, "--yes");
      CliRun retired = cli.run(in.operatorNamespace(), "keys", "retire", spareId, "--yes");

      assertThat(refused.code()).as(refused.err()).isEqualTo(3);
      assertThat(refused.err()).contains("is active");
      Eventually.await(
          "the refusal's Warning event, recorded under the Role",
          TIMEOUT,
          () ->
              eventsOn(admin, in.operatorNamespace(), WireNames.keySecretName(current)).stream()
                  .anyMatch(e -> EventReasons.RETIREMENT_REFUSED.equals(e.getReason())));
      assertThat(retired.code()).as(retired.err()).isZero();
      assertThat(h.keySecretIds()).containsExactly(current);
      assertThat(
              admin
                  .configMaps()
                  .inNamespace(in.operatorNamespace())
                  .withName(WireNames.RETIRED_KEYS_CONFIGMAP)
                  .get()
                  .getData()
                  .get(WireNames.RETIRED_KEYS_JSON))
          .contains(spareId);
    }
  }

  /**
   * A type change and a change to an immutable Secret can only be done by delete and create: both
   * work under the rendered Role, and each write is recorded as an Event the Role lets it create.
   */
  @Test
  void typeChangeAndImmutableSecret_recreatedUnderRenderedRoles_eachWriteHasItsEvent(
      KubernetesClient admin, TestNamespace watched) {
    String ns = watched.name();
    try (Install in = install(admin, ns, o -> o)) {
      OperatorHarness h = in.harness();
      h.apply(h.sealWithCli(ns, "login", Map.of("username", "ada", "password", "first")));
      h.awaitReason(ns, "login", Conditions.UNSEALED);
      Secret opaque = h.secret(ns, "login");
      assertThat(opaque.getType()).isEqualTo("Opaque");

      // 1. The type changes: Kubernetes refuses that as an update.
      h.edit(
          ns,
          "login",
          ss -> {
            SecretTemplate t = new SecretTemplate();
            t.setType("kubernetes.io/basic-auth");
            ss.getSpec().setTemplate(t);
          });
      h.awaitReason(ns, "login", Conditions.UNSEALED);
      Secret basicAuth = h.secret(ns, "login");
      assertThat(basicAuth.getType()).isEqualTo("kubernetes.io/basic-auth");
      assertThat(basicAuth.getMetadata().getUid())
          .as("a new object: the old one was deleted")
          .isNotEqualTo(opaque.getMetadata().getUid());
      assertThat(decoded(basicAuth, "password")).isEqualTo("first");

      // 2. The Secret becomes immutable (an update may still set that).
      h.edit(ns, "login", ss -> ss.getSpec().getTemplate().setImmutable(true));
      h.awaitReason(ns, "login", Conditions.UNSEALED);
      Secret immutable = h.secret(ns, "login");
      assertThat(immutable.getImmutable()).isTrue();
      assertThat(immutable.getMetadata().getUid()).isEqualTo(basicAuth.getMetadata().getUid());

      // 3. A new value for the immutable Secret: only a recreate can change it.
      SealedSecret resealed =
          h.sealWithCli(ns, "login", Map.of("username", "ada", "password", "second"));
      h.edit(
          ns, "login", ss -> ss.getSpec().setEncryptedData(resealed.getSpec().getEncryptedData()));
      h.awaitReason(ns, "login", Conditions.UNSEALED);
      Secret recreated = h.secret(ns, "login");
      assertThat(decoded(recreated, "password")).isEqualTo("second");
      assertThat(recreated.getImmutable()).isTrue();
      assertThat(recreated.getType()).isEqualTo("kubernetes.io/basic-auth");
      assertThat(recreated.getMetadata().getUid()).isNotEqualTo(immutable.getMetadata().getUid());

      // Four writes (create, recreate, update, recreate), four Unsealed events, none refused.
      Eventually.await(
          "four Unsealed events on login",
          TIMEOUT,
          () ->
              eventsOn(admin, ns, "login").stream()
                      .filter(e -> EventReasons.UNSEALED.equals(e.getReason()))
                      .count()
                  == 4);
      assertThat(eventsOn(admin, ns, "login"))
          .allSatisfy(
              e -> {
                assertThat(e.getType()).isEqualTo("Normal");
                assertThat(e.getReportingComponent()).isEqualTo("sealwright-operator");
                assertThat(e.getMessage()).doesNotContain("first").doesNotContain("second");
              });
      assertThat(in.operator().metrics().eventWriteFailuresTotal()).isZero();
    }
  }

  /**
   * Without the {@code events} rule the reconcile still succeeds (an event is advice), but the
   * refused write is counted, so a broken Role is visible on the metrics endpoint.
   */
  @Test
  void eventsVerbRemovedFromRole_reconcileSucceeds_refusedEventCounted(
      KubernetesClient admin, TestNamespace watched) {
    String ns = watched.name();
    UnaryOperator<HasMetadata> withoutEvents =
        o -> {
          if (o instanceof Role role && ns.equals(role.getMetadata().getNamespace())) {
            assertThat(role.getRules())
                .anySatisfy(r -> assertThat(r.getResources()).containsExactly("events"));
            role.setRules(
                role.getRules().stream()
                    .filter(r -> !r.getResources().contains("events"))
                    .toList());
          }
          return o;
        };
    try (Install in = install(admin, ns, withoutEvents)) {
      OperatorHarness h = in.harness();
      assertForbidden(
          () ->
              in.sa()
                  .v1()
                  .events()
                  .inNamespace(ns)
                  .resource(
                      new io.fabric8.kubernetes.api.model.EventBuilder()
                          .withNewMetadata()
                          .withName("probe")
                          .endMetadata()
                          .withNewInvolvedObject()
                          .withName("x")
                          .withNamespace(ns)
                          .endInvolvedObject()
                          .build())
                  .create());

      h.apply(h.sealWithCli(ns, "quiet", Map.of("pw", "v")));

      h.awaitReason(ns, "quiet", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns, "quiet"), "pw")).isEqualTo("v");
      Eventually.await(
          "the refused Unsealed event counted",
          TIMEOUT,
          () -> in.operator().metrics().eventWriteFailuresTotal() >= 1);
      assertThat(eventsOn(admin, ns, "quiet")).isEmpty();
    }
  }

  private static void assertForbidden(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }
}
