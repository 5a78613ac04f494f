package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.TIMEOUT;
import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.operator.SealwrightOperator;
import dev.sealwright.operator.audit.DecryptionAudit;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.testing.Leaks;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reconcile loop against a real API server, sealing with the real CLI. */
@ExtendWith(KubeTestEnvironment.class)
class SealedSecretIT {

  @Test
  void sealWithCli_apply_secretCreatedWithValuesOwnerAndReadyStatus(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      SealedSecret sealed = h.sealWithCli(ns.name(), "db", Map.of("user", "admin", "pw", "s3cret"));

      SealedSecret applied = h.apply(sealed);
      SealedSecret ready = h.awaitReason(ns.name(), "db", Conditions.UNSEALED);

      Secret secret = h.secret(ns.name(), "db");
      assertThat(decoded(secret, "pw")).isEqualTo("s3cret");
      assertThat(decoded(secret, "user")).isEqualTo("admin");
      assertThat(secret.getType()).isEqualTo("Opaque");
      assertThat(secret.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(applied.getMetadata().getUid()));
      var condition = ready.getStatus().condition(Conditions.READY).orElseThrow();
      assertThat(condition.getStatus()).isEqualTo("True");
      assertThat(ready.getStatus().getObservedGeneration())
          .isEqualTo(ready.getMetadata().getGeneration());
      assertThat(ready.getStatus().toString() + condition).doesNotContain("s3cret");
    }
  }

  @Test
  void updateOneItem_secretFollows(KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      h.apply(h.sealWithCli(ns.name(), "app", Map.of("a", "1", "b", "2")));
      h.awaitReason(ns.name(), "app", Conditions.UNSEALED);

      SealedSecret changed = h.sealWithCli(ns.name(), "app", Map.of("a", "1", "b", "two"));
      SealedSecret current = h.get(ns.name(), "app");
      Map<String, String> data = new LinkedHashMap<>(current.getSpec().getEncryptedData());
      data.put("b", changed.getSpec().getEncryptedData().get("b"));
      current.getSpec().setEncryptedData(data);
      admin.resource(current).update();

      Eventually.await(
          "Secret item b updated",
          TIMEOUT,
          () -> "two".equals(decoded(h.secret(ns.name(), "app"), "b")));
      assertThat(decoded(h.secret(ns.name(), "app"), "a")).isEqualTo("1");
    }
  }

  @Test
  void deleteSealedSecret_secretGarbageCollected(KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      h.apply(h.sealWithCli(ns.name(), "gone", Map.of("k", "v")));
      h.awaitReason(ns.name(), "gone", Conditions.UNSEALED);

      admin.resources(SealedSecret.class).inNamespace(ns.name()).withName("gone").delete();

      Eventually.await(
          "Secret garbage-collected", TIMEOUT, () -> h.secret(ns.name(), "gone") == null);
    }
  }

  @Test
  void valueCopiedToAnotherNamespace_bindingMismatchAndNoSecret(
      KubernetesClient admin, TestNamespace ns) {
    String other = OperatorHarness.newNamespace(admin, "t-copy-");
    try (OperatorHarness h = OperatorHarness.start(admin, null)) {
      SealedSecret sealed = h.sealWithCli(ns.name(), "db", Map.of("pw", "s3cret"));
      SealedSecret copy = new SealedSecret();
      copy.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(other).build());
      copy.setSpec(sealed.getSpec());
      SealedSecret renamed = new SealedSecret();
      renamed.setMetadata(new ObjectMetaBuilder().withName("db2").withNamespace(ns.name()).build());
      renamed.setSpec(sealed.getSpec());

      h.apply(copy);
      h.apply(renamed);

      SealedSecret failed = h.awaitReason(other, "db", Conditions.BINDING_MISMATCH);
      h.awaitReason(ns.name(), "db2", Conditions.BINDING_MISMATCH);
      assertThat(h.secret(other, "db")).isNull();
      assertThat(h.secret(ns.name(), "db2")).isNull();
      assertThat(failed.getStatus().condition(Conditions.READY).orElseThrow().getStatus())
          .isEqualTo("False");
      assertThat(
              admin.v1().events().inNamespace(other).list().getItems().stream()
                  .filter(e -> Conditions.BINDING_MISMATCH.equals(e.getReason())))
          .isNotEmpty()
          .allSatisfy(
              e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getInvolvedObject().getName()).isEqualTo("db");
                // Both bindings are named (they are public), the value never.
                assertThat(e.getMessage())
                    .contains("item 'pw'")
                    .contains("namespace=" + ns.name())
                    .contains("namespace=" + other)
                    .doesNotContain("s3cret");
              });
    } finally {
      admin.namespaces().withName(other).delete();
    }
  }

  @Test
  void existingUnmanagedSecret_leftAloneWithSecretConflict(
      KubernetesClient admin, TestNamespace ns) {
    Secret mine =
        new SecretBuilder()
            .withNewMetadata()
            .withName("taken")
            .withNamespace(ns.name())
            .endMetadata()
            .addToStringData("pw", "hand-made")
            .build();
    admin.resource(mine).create();
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      h.apply(h.sealWithCli(ns.name(), "taken", Map.of("pw", "sealed")));

      h.awaitReason(ns.name(), "taken", Conditions.SECRET_CONFLICT);

      Secret after = h.secret(ns.name(), "taken");
      assertThat(decoded(after, "pw")).isEqualTo("hand-made");
      assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
    }
  }

  @Test
  void unmanagedSecretOptsIn_isTakenOver(KubernetesClient admin, TestNamespace ns) {
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("adopt")
                .withNamespace(ns.name())
                .addToAnnotations(WireNames.ADOPT_ANNOTATION, "true")
                .endMetadata()
                .addToStringData("pw", "old")
                .build())
        .create();
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      h.apply(h.sealWithCli(ns.name(), "adopt", Map.of("pw", "sealed")));

      h.awaitReason(ns.name(), "adopt", Conditions.UNSEALED);

      assertThat(decoded(h.secret(ns.name(), "adopt"), "pw")).isEqualTo("sealed");
    }
  }

  @Test
  void manualEditOfManagedSecret_reverted(KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      h.apply(h.sealWithCli(ns.name(), "db", Map.of("pw", "s3cret")));
      h.awaitReason(ns.name(), "db", Conditions.UNSEALED);

      Secret edited = h.secret(ns.name(), "db");
      edited.getData().put("pw", java.util.Base64.getEncoder().encodeToString("hacked".getBytes()));
      edited.getData().put("extra", "eA==");
      edited.getMetadata().getLabels().put("touched", "yes");
      admin.resource(edited).update();

      Eventually.await(
          "edit reverted",
          TIMEOUT,
          () -> {
            Secret s = h.secret(ns.name(), "db");
            return "s3cret".equals(decoded(s, "pw"))
                && !s.getData().containsKey("extra")
                && !s.getMetadata().getLabels().containsKey("touched");
          });
    }
  }

  /**
   * Everything a log event carries, and the JSON the production encoder makes of it, shows the
   * plaintext in no form, through a lifecycle that logs successes and failures: unsealing, a
   * reverted edit, a copy that fails its binding, a tampered envelope, a Secret in the way that
   * itself holds the plaintext, and a write the API server refuses (the framework logs that
   * exception, so the throwable chain is checked on a real one).
   */
  @Test
  void wholeLifecycle_logsNeverContainPlaintext_oneAuditLinePerDecryption(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    String plaintext = "pl41ntext-" + java.util.UUID.randomUUID();
    String n = ns.name();
    // The framework's own debug logging too (the test configuration keeps it at WARN otherwise).
    LogCapture capture = LogCapture.start("io.javaoperatorsdk", "io.fabric8");
    // Closed in reverse order: the operator's shutdown is captured too.
    try (capture;
        OperatorHarness h = OperatorHarness.start(admin, n)) {
      h.apply(h.sealWithCli(n, "logged", Map.of("pw", plaintext)));
      h.awaitReason(n, "logged", Conditions.UNSEALED);
      Secret edited = h.secret(n, "logged");
      edited.getData().put("pw", "ZWRpdGVk");
      admin.resource(edited).update();
      Eventually.await(
          "edit reverted", TIMEOUT, () -> plaintext.equals(decoded(h.secret(n, "logged"), "pw")));
      SealedSecret copy = h.get(n, "logged");
      copy.setMetadata(new ObjectMetaBuilder().withName("copied").withNamespace(n).build());
      copy.setStatus(null);
      h.apply(copy);
      h.awaitReason(n, "copied", Conditions.BINDING_MISMATCH);

      h.apply(tampered(h.sealWithCli(n, "tampered", Map.of("pw", plaintext)), "pw"));
      h.awaitReason(n, "tampered", Conditions.AUTHENTICATION_FAILED);

      admin
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("taken")
                  .withNamespace(n)
                  .endMetadata()
                  .addToStringData("pw", plaintext)
                  .build())
          .create();
      h.apply(h.sealWithCli(n, "taken", Map.of("pw", plaintext)));
      h.awaitReason(n, "taken", Conditions.SECRET_CONFLICT);

      // No new Secret in the namespace: the quota admission refuses the create with 403.
      NoNewSecrets.install(admin, n);
      h.apply(h.sealWithCli(n, "refused", Map.of("pw", plaintext)));
      h.awaitReason(n, "refused", Conditions.WRITE_FAILED);
      // Every object here has one item, so each attempt to open one is one decryption.
      Eventually.await(
          "one audit line per decryption",
          TIMEOUT,
          () -> auditLines(capture.events()).size() == h.operator.metrics().decryptionsTotal());
      assertAuditTrail(h, auditLines(capture.events()), n);
    }
    List<ILoggingEvent> events = capture.events();

    assertThat(events)
        .extracting(ILoggingEvent::getFormattedMessage)
        .as("the failures were logged")
        .anyMatch(m -> m.startsWith(n + "/copied: " + Conditions.BINDING_MISMATCH + ": "))
        .anyMatch(m -> m.startsWith(n + "/tampered: " + Conditions.AUTHENTICATION_FAILED + ": "))
        .anyMatch(m -> m.startsWith(n + "/taken: " + Conditions.SECRET_CONFLICT + ": "));
    assertThat(events)
        .as("the refused write was logged with its exception")
        .anySatisfy(
            e ->
                assertThat(LogCapture.throwableChain(e))
                    .contains(
                        "dev.sealwright.operator.reconcile.SecretWriteException: could not create"
                            + " Secret "
                            + n
                            + "/refused: HTTP 403"));
    assertThat(events)
        .as("events with MDC (the framework names the resource there)")
        .anyMatch(e -> n.equals(e.getMDCPropertyMap().get("resource.namespace")));
    for (ILoggingEvent e : events) {
      Leaks.assertNone(LogCapture.everything(e), plaintext);
    }
    ILoggingEvent refused =
        events.stream()
            .filter(e -> String.join("\n", LogCapture.throwableChain(e)).contains("/refused: "))
            .findFirst()
            .orElseThrow();
    try (LogCapture.ProductionEncoder production = LogCapture.productionEncoder()) {
      assertThat(production.encode(refused))
          .as("one JSON object per line, with the message and the exception")
          .startsWith("{")
          .endsWith("}\n")
          .contains("\"formattedMessage\"", "SecretWriteException");
      for (ILoggingEvent e : events) {
        Leaks.assertNone(production.encode(e), plaintext);
      }
    }
    try (LogCapture.ProductionEncoder audit =
        LogCapture.productionEncoder(DecryptionAudit.LOGGER, "AUDIT")) {
      for (ILoggingEvent e : auditLines(events)) {
        assertThat(audit.encode(e))
            .as("the audit appender writes the JSON line as it is")
            .isEqualTo(e.getFormattedMessage() + "\n");
        Leaks.assertNone(audit.encode(e), plaintext);
      }
    }
  }

  private static List<ILoggingEvent> auditLines(List<ILoggingEvent> events) {
    return events.stream().filter(e -> e.getLoggerName().equals(DecryptionAudit.LOGGER)).toList();
  }

  /** The fields of the audit lines, against the objects as the API server has them. */
  private static void assertAuditTrail(OperatorHarness h, List<ILoggingEvent> lines, String n)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> parsed = new java.util.ArrayList<>();
    for (ILoggingEvent e : lines) {
      parsed.add(json.readTree(e.getFormattedMessage()));
    }
    String key = h.operator.keys().snapshot().current().orElseThrow().keyId().value();
    for (String[] expected :
        List.of(
            new String[] {"logged", Conditions.UNSEALED},
            new String[] {"copied", Conditions.BINDING_MISMATCH},
            new String[] {"tampered", Conditions.AUTHENTICATION_FAILED},
            new String[] {"refused", Conditions.UNSEALED})) {
      SealedSecret ss = h.get(n, expected[0]);
      List<JsonNode> mine =
          parsed.stream().filter(l -> l.at("/object/name").asText().equals(expected[0])).toList();
      assertThat(mine).as("audit lines of %s", expected[0]).isNotEmpty();
      JsonNode first = mine.getFirst();
      assertThat(first.get("audit").asText()).isEqualTo("decryption");
      assertThat(first.get("instance").asText()).isEqualTo(h.operator.instance());
      assertThat(first.at("/object/namespace").asText()).isEqualTo(n);
      assertThat(first.at("/object/uid").asText()).isEqualTo(ss.getMetadata().getUid());
      assertThat(first.at("/object/generation").asLong())
          .isEqualTo(ss.getMetadata().getGeneration());
      assertThat(first.get("items").toString()).isEqualTo("[\"pw\"]");
      assertThat(first.get("keyIds").toString()).isEqualTo("[\"" + key + "\"]");
      assertThat(first.get("result").asText()).isEqualTo(expected[1]);
      if (!expected[1].equals(Conditions.UNSEALED)) {
        assertThat(first.get("failedItem").asText()).isEqualTo("pw");
      }
    }
    assertThat(parsed.stream().filter(l -> l.at("/object/name").asText().equals("logged")))
        .as("created, then opened again to revert the hand edit")
        .hasSize(2);
    assertThat(parsed.stream().filter(l -> l.at("/object/name").asText().equals("taken")))
        .as("the result is the decryption's: the write's conflict comes after it")
        .isNotEmpty()
        .allMatch(l -> l.get("result").asText().equals(Conditions.UNSEALED));
  }

  /** {@code ss} with one bit of the last byte of {@code item}'s age payload flipped. */
  private static SealedSecret tampered(SealedSecret ss, String item) {
    Map<String, String> data = new LinkedHashMap<>(ss.getSpec().getEncryptedData());
    String[] fields = data.get(item).split(":", -1); // the age file is field 5; a value tag follows
    byte[] age = java.util.Base64.getDecoder().decode(fields[4]);
    age[age.length - 1] ^= 0x01;
    fields[4] = java.util.Base64.getEncoder().encodeToString(age);
    data.put(item, String.join(":", fields));
    ss.getSpec().setEncryptedData(data);
    return ss;
  }

  @Test
  void restartOverUnchangedObjects_noDecryption(KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      for (int i = 0; i < 3; i++) {
        h.apply(h.sealWithCli(ns.name(), "s" + i, Map.of("a", "x" + i, "b", "y" + i)));
      }
      for (int i = 0; i < 3; i++) {
        h.awaitReason(ns.name(), "s" + i, Conditions.UNSEALED);
      }
      String before = h.secret(ns.name(), "s0").getMetadata().getResourceVersion();
      h.operator.close();

      try (SealwrightOperator restarted = h.startAnother(ns.name(), b -> {})) {
        Eventually.await(
            "restarted operator reconciled all objects",
            TIMEOUT,
            () ->
                restarted.metrics().registry().scrape().stream()
                        .filter(
                            m -> m.getMetadata().getName().equals("sealwright_reconcile_results"))
                        .flatMap(m -> m.getDataPoints().stream())
                        .mapToDouble(
                            p ->
                                ((io.prometheus.metrics.model.snapshots.CounterSnapshot
                                            .CounterDataPointSnapshot)
                                        p)
                                    .getValue())
                        .sum()
                    >= 3);

        assertThat(restarted.metrics().decryptionsTotal()).isZero();
        assertThat(h.secret(ns.name(), "s0").getMetadata().getResourceVersion()).isEqualTo(before);
      }
    }
  }
}
