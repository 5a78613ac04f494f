package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicKeysTest {
  private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NEW = Instant.parse("2026-02-01T00:00:00Z");

  private static ClusterKey key(HybridIdentity id, Instant created, String state) throws Exception {
    return KeySecrets.fromSecret(
        new SecretBuilder(KeySecrets.toSecret("ns", id, created))
            .editMetadata()
            .addToLabels(WireNames.KEY_STATE_LABEL, state)
            .endMetadata()
            .build());
  }

  @Test
  void render_twoActiveOneDisabled_recipientsTxtHasCurrentOnly_jsonListsActiveNewestFirst()
      throws Exception {
    HybridIdentity old = AgeKeys.generateHybrid();
    HybridIdentity current = AgeKeys.generateHybrid();
    HybridIdentity disabled = AgeKeys.generateHybrid();
    KeySnapshot snapshot =
        new KeySnapshot(
            List.of(
                key(old, OLD, "active"),
                key(current, NEW, "active"),
                key(disabled, NEW.plusSeconds(1), "disabled")));

    ConfigMap cm = PublicKeys.render("sealwright", snapshot);

    assertThat(cm.getMetadata().getName()).isEqualTo("sealwright-public-keys");
    String txt = cm.getData().get(WireNames.RECIPIENTS_TXT);
    List<String> recipients = txt.lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(recipients).containsExactly(current.publicRecipient().encoded());
    assertThat(txt).doesNotContain(disabled.publicRecipient().encoded());
    JsonNode json = new ObjectMapper().readTree(cm.getData().get(WireNames.KEYS_JSON));
    assertThat(json.get("current").asText())
        .isEqualTo(snapshot.current().orElseThrow().keyId().value());
    assertThat(json.get("keys"))
        .extracting(k -> k.get("recipient").asText(), k -> k.get("current").asBoolean())
        .containsExactly(
            tuple(current.publicRecipient().encoded(), true),
            tuple(old.publicRecipient().encoded(), false));
  }

  @Test
  void render_noKeys_isValidJsonWithNullCurrent() throws Exception {
    ConfigMap cm = PublicKeys.render("ns", KeySnapshot.EMPTY);

    JsonNode json = new ObjectMapper().readTree(cm.getData().get(WireNames.KEYS_JSON));
    assertThat(json.get("current").isNull()).isTrue();
    assertThat(json.get("keys")).isEmpty();
  }

  @Test
  void render_twoKeys_keysJsonHasTheDocumentedLayout() throws Exception {
    ClusterKey old = key(AgeKeys.generateHybrid(), OLD, "active");
    ClusterKey current = key(AgeKeys.generateHybrid(), NEW, "active");

    String json =
        PublicKeys.render("ns", new KeySnapshot(List.of(old, current)))
            .getData()
            .get(WireNames.KEYS_JSON);

    assertThat(json)
        .isEqualTo(
            """
            {
              "current": "%1$s",
              "keys": [
                {
                  "keyId": "%1$s",
                  "recipient": "%2$s",
                  "createdAt": "2026-02-01T00:00:00Z",
                  "current": true
                },
                {
                  "keyId": "%3$s",
                  "recipient": "%4$s",
                  "createdAt": "2026-01-01T00:00:00Z",
                  "current": false
                }
              ]
            }
            """
                .formatted(
                    current.keyId().value(),
                    current.recipient().encoded(),
                    old.keyId().value(),
                    old.recipient().encoded()));
  }

  @Test
  void render_noKeys_keysJsonIsNullCurrentAndAnEmptyList() {
    assertThat(PublicKeys.render("ns", KeySnapshot.EMPTY).getData().get(WireNames.KEYS_JSON))
        .isEqualTo("{\n  \"current\": null,\n  \"keys\": []\n}\n");
  }

  @Test
  void due_currentYoungerThanPeriod_isFalse_olderIsTrue_noneIsTrue() throws Exception {
    KeySnapshot snapshot = new KeySnapshot(List.of(key(AgeKeys.generateHybrid(), OLD, "active")));
    Duration period = Duration.ofDays(30);

    assertThat(KeyRotation.due(snapshot, period, OLD.plus(Duration.ofDays(29)))).isFalse();
    assertThat(KeyRotation.due(snapshot, period, OLD.plus(Duration.ofDays(30)))).isTrue();
    assertThat(KeyRotation.due(KeySnapshot.EMPTY, period, OLD)).isTrue();
  }

  @Test
  void render_decryptOnlyKeyNewest_notPublishedAnywhere() throws Exception {
    HybridIdentity current = AgeKeys.generateHybrid();
    HybridIdentity decryptOnly = AgeKeys.generateHybrid();
    KeySnapshot snapshot =
        new KeySnapshot(
            List.of(key(current, OLD, "active"), key(decryptOnly, NEW, "decrypt-only")));

    ConfigMap cm = PublicKeys.render("sealwright", snapshot);

    String id = dev.sealwright.envelope.KeyId.of(decryptOnly.publicRecipient()).value();
    assertThat(cm.getData().get(WireNames.RECIPIENTS_TXT))
        .contains(current.publicRecipient().encoded())
        .doesNotContain(decryptOnly.publicRecipient().encoded());
    assertThat(cm.getData().get(WireNames.KEYS_JSON))
        .doesNotContain(id)
        .doesNotContain(decryptOnly.publicRecipient().encoded());
  }
}
