package dev.sealwright.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.operator.Fixtures;
import dev.sealwright.testing.Leaks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecryptionAuditTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private static final HybridIdentity CLUSTER = AgeKeys.generateHybrid();
  private static final HybridIdentity BREAK_GLASS = AgeKeys.generateHybrid();

  private static SealedSecret object() {
    Map<String, String> items = new LinkedHashMap<>();
    items.putAll(Fixtures.seal(CLUSTER, "team-a", "db", Map.of("password", "hunter2-secret")));
    items.putAll(Fixtures.seal(BREAK_GLASS, "team-a", "db", Map.of("user", "admin-secret")));
    SealedSecret ss = Fixtures.sealedSecret("team-a", "db", items);
    ss.getMetadata().setGeneration(3L);
    return ss;
  }

  @Test
  void line_unsealed_oneJsonObjectWithEveryField() throws Exception {
    String line =
        new DecryptionAudit("sealwright-operator-0", CLOCK)
            .line(object(), Keyring.of(List.of(CLUSTER)), "Unsealed", null);

    assertThat(line).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "audit", "time", "instance", "object", "items", "keyIds", "otherKeyIds", "result");
    assertThat(json.get("audit").asText()).isEqualTo("decryption");
    assertThat(json.get("time").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(json.get("instance").asText()).isEqualTo("sealwright-operator-0");
    assertThat(json.get("object").toString())
        .isEqualTo(
            "{\"namespace\":\"team-a\",\"name\":\"db\",\"uid\":\"uid-db\",\"generation\":3}");
    assertThat(json.get("items").toString()).isEqualTo("[\"password\",\"user\"]");
    assertThat(json.get("keyIds").toString())
        .isEqualTo("[\"" + KeyId.of(CLUSTER.publicRecipient()) + "\"]");
    assertThat(json.get("otherKeyIds").asInt()).as("the break-glass key, counted").isEqualTo(1);
    assertThat(json.get("result").asText()).isEqualTo("Unsealed");
  }

  @Test
  void line_failure_namesReasonAndItemButNoValueOrMessage() throws Exception {
    SealedSecret ss = object();

    String line =
        new DecryptionAudit("op", CLOCK)
            .line(ss, Keyring.of(List.of(BREAK_GLASS)), "AuthenticationFailed", "password");

    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("result").asText()).isEqualTo("AuthenticationFailed");
    assertThat(json.get("failedItem").asText()).isEqualTo("password");
    Leaks.assertNone(line, "hunter2-secret");
    Leaks.assertNone(line, "admin-secret");
  }

  @Test
  void line_manyItems_boundedWithCount() throws Exception {
    Map<String, String> items = new LinkedHashMap<>();
    for (int i = 0; i < DecryptionAudit.MAX_LISTED + 7; i++) {
      items.put(String.format("i%03d", i), "x");
    }

    String line =
        new DecryptionAudit("op", CLOCK)
            .line(
                Fixtures.sealedSecret("ns", "n", items),
                Keyring.of(List.of()),
                "Malformed",
                "i000");

    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("items")).hasSize(DecryptionAudit.MAX_LISTED);
    assertThat(json.get("moreItems").asInt()).isEqualTo(7);
    assertThat(json.get("keyIds")).isEmpty();
  }

  @Test
  void line_itemNameWithLineBreak_staysOneLine() {
    String line =
        new DecryptionAudit("op", CLOCK)
            .line(
                Fixtures.sealedSecret("ns", "n", Map.of("a\nforged: line", "x")),
                Keyring.of(List.of()),
                "Malformed",
                "a\nforged: line");

    assertThat(line).doesNotContain("\n").contains("a?forged: line");
  }
}
