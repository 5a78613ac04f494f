package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure parts of retirement: reading a request, and the decision. */
class KeyRetirementTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final String AT = "2026-03-01T09:59:58Z";

  private static ObjectMeta meta(Map<String, String> annotations) {
    return new ObjectMetaBuilder()
        .withName("sealwright-key-x")
        .withAnnotations(annotations)
        .build();
  }

  private static final RetirementRequest REQUEST =
      new RetirementRequest("sealwright-key-x", "alice", AT);

  @Test
  void of_annotationsOfTheCli_requestWithWhoAndWhen() {
    ObjectMeta m =
        meta(
            Map.of(
                WireNames.RETIRE_REQUESTED_BY_ANNOTATION,
                "alice",
                WireNames.RETIRE_REQUESTED_AT_ANNOTATION,
                AT));

    assertThat(RetirementRequest.of(m)).contains(REQUEST);
    assertThat(RetirementRequest.of(meta(Map.of()))).isEmpty();
    assertThat(RetirementRequest.of(new ObjectMetaBuilder().withName("n").build())).isEmpty();
    assertThat(
            RetirementRequest.of(meta(Map.of(WireNames.RETIRE_REQUESTED_AT_ANNOTATION, AT)))
                .orElseThrow()
                .requestedBy())
        .isEqualTo("unknown");
  }

  @Test
  void answeredOn_refusalOfThisRequestOnly() {
    String refusal = RetirementRefusal.of(REQUEST, NOW, RetirementRefusal.ACTIVE, "active").json();
    String older =
        RetirementRefusal.of(
                new RetirementRequest("sealwright-key-x", "alice", "2026-01-01T00:00:00Z"),
                NOW,
                RetirementRefusal.ACTIVE,
                "active")
            .json();

    assertThat(REQUEST.answeredOn(meta(Map.of(WireNames.RETIRE_REFUSED_ANNOTATION, refusal))))
        .isTrue();
    assertThat(REQUEST.answeredOn(meta(Map.of(WireNames.RETIRE_REFUSED_ANNOTATION, older))))
        .isFalse();
    assertThat(REQUEST.answeredOn(meta(Map.of(WireNames.RETIRE_REFUSED_ANNOTATION, "{"))))
        .isFalse();
    assertThat(REQUEST.answeredOn(meta(Map.of()))).isFalse();
  }

  @Test
  void refusal_keySecretNotAUsableKey_unreadable() {
    Optional<RetirementRefusal> r =
        KeyRetirement.refusal(REQUEST, Optional.empty(), KeyState.DECRYPT_ONLY, this::unused, NOW);

    assertThat(r).map(RetirementRefusal::reason).contains(RetirementRefusal.UNREADABLE);
  }

  @Test
  void refusal_activeKey_refusedWithTheLabelCommandAndNoListing() {
    ClusterKey key = KeyStateTest.key(NOW, KeyState.ACTIVE);

    RetirementRefusal r =
        KeyRetirement.refusal(REQUEST, Optional.of(key), KeyState.ACTIVE, this::unused, NOW)
            .orElseThrow();

    assertThat(r.reason()).isEqualTo(RetirementRefusal.ACTIVE);
    assertThat(r.message())
        .contains("is active")
        .contains("kubectl label secret sealwright-key-x sealwright.dev/key-state=decrypt-only");
  }

  @Test
  void refusal_decryptOnlyKeyInUse_inUseWithCountAndListing() throws Exception {
    ClusterKey key = KeyStateTest.key(NOW, KeyState.DECRYPT_ONLY);
    KeyUsage usage =
        new KeyUsage(
            3,
            List.of(
                new KeyUsage.Use("a", "db", List.of("password"), 0),
                new KeyUsage.Use("b", "api", List.of("token"), 0)));

    RetirementRefusal r =
        KeyRetirement.refusal(REQUEST, Optional.of(key), KeyState.DECRYPT_ONLY, () -> usage, NOW)
            .orElseThrow();

    assertThat(r.reason()).isEqualTo(RetirementRefusal.IN_USE);
    assertThat(r.message())
        .startsWith("3 SealedSecret(s) in the namespaces this operator watches")
        .contains("key " + key.keyId())
        .contains("for example a/db (item password)")
        .contains("sealwright reseal");
    JsonNode json = new ObjectMapper().readTree(r.json());
    assertThat(json.get("requestedAt").asText()).isEqualTo(AT);
    assertThat(json.get("refusedAt").asText()).isEqualTo(NOW.toString());
    assertThat(json.get("objects").asInt()).isEqualTo(3);
    assertThat(json.get("listed").get(1).get("namespace").asText()).isEqualTo("b");
    assertThat(json.get("listed").get(1).get("items").get(0).asText()).isEqualTo("token");
  }

  @Test
  void refusal_disabledKeyUnused_retired() {
    ClusterKey key = KeyStateTest.key(NOW, KeyState.DISABLED);

    assertThat(
            KeyRetirement.refusal(
                REQUEST,
                Optional.of(key),
                KeyState.DISABLED,
                () -> new KeyUsage(0, List.of()),
                NOW))
        .isEmpty();
  }

  @Test
  void refusal_requestTimeNotATime_failedBeforeAnyListing() {
    ClusterKey key = KeyStateTest.key(NOW, KeyState.DECRYPT_ONLY);
    RetirementRequest bad = new RetirementRequest("sealwright-key-x", "alice", "yesterday");

    assertThat(
            KeyRetirement.refusal(bad, Optional.of(key), KeyState.DECRYPT_ONLY, this::unused, NOW))
        .map(RetirementRefusal::reason)
        .contains(RetirementRefusal.FAILED);
  }

  private KeyUsage unused() {
    throw new AssertionError("usage must not be computed for this decision");
  }
}
