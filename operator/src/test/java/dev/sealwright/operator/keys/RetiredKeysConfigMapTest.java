package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.envelope.KeyId;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetiredKeysConfigMapTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private static RetiredKey record(int i, String by) {
    return new RetiredKey(
        new KeyId(String.format("%016x", i)),
        T.minusSeconds(86_400L * 60),
        KeyState.DECRYPT_ONLY,
        T.minusSeconds(86_400L * 7),
        T.plusSeconds(i),
        by,
        T.plusSeconds(i + 1),
        "sealwright-operator-7d9f");
  }

  @Test
  void renderThenParse_records_sameRecordsInDocumentedShape() {
    List<RetiredKey> records = List.of(record(1, "alice@example.com"), record(2, "system:admin"));

    ConfigMap cm = RetiredKeysConfigMap.render("sealwright", records);

    assertThat(cm.getMetadata().getName()).isEqualTo(WireNames.RETIRED_KEYS_CONFIGMAP);
    assertThat(RetiredKeysConfigMap.parse(cm)).isEqualTo(records);
    assertThat(cm.getData().get(WireNames.RETIRED_KEYS_JSON))
        .startsWith(
            """
            [
              {
                "keyId": "0000000000000001",
                "createdAt": "2025-12-31T10:00:00Z",
                "state": "decrypt-only",
                "stateSince": "2026-02-22T10:00:00Z",
                "requestedAt": "2026-03-01T10:00:01Z",
                "requestedBy": "alice@example.com",
                "retiredAt": "2026-03-01T10:00:02Z",
                "retiredBy": "sealwright-operator-7d9f"
              },
            """)
        .endsWith("]\n");
  }

  @Test
  void render_unknownSince_fieldIsNull() {
    RetiredKey r = record(1, "a");
    RetiredKey noSince =
        new RetiredKey(
            r.keyId(),
            r.createdAt(),
            KeyState.DISABLED,
            null,
            r.requestedAt(),
            r.requestedBy(),
            r.retiredAt(),
            r.retiredBy());

    ConfigMap cm = RetiredKeysConfigMap.render("ns", List.of(noSince));

    assertThat(cm.getData().get(WireNames.RETIRED_KEYS_JSON)).contains("\"stateSince\": null");
    assertThat(RetiredKeysConfigMap.parse(cm)).containsExactly(noSince);
  }

  @Test
  void append_pastKeep_dropsTheOldest() {
    List<RetiredKey> records = new ArrayList<>();
    for (int i = 0; i < RetiredKeysConfigMap.KEEP; i++) {
      records = RetiredKeysConfigMap.append(records, record(i, "a"));
    }

    List<RetiredKey> next = RetiredKeysConfigMap.append(records, record(9999, "a"));

    assertThat(next).hasSize(RetiredKeysConfigMap.KEEP);
    assertThat(next.getFirst()).isEqualTo(record(1, "a"));
    assertThat(next.getLast()).isEqualTo(record(9999, "a"));
  }

  /** The bound that matters: the whole object, at its largest, stays under etcd's 1 MiB. */
  @Test
  void render_keepRecordsOfLongestEscapedNames_wholeObjectUnderOneMebibyte() {
    // Quotes become two characters in JSON: the worst case for a bounded name.
    String worst = "\"".repeat(RetiredKey.MAX_NAME * 2);
    List<RetiredKey> records = new ArrayList<>();
    for (int i = 0; i < RetiredKeysConfigMap.KEEP + 10; i++) {
      records.add(
          new RetiredKey(
              new KeyId(String.format("%016x", i)),
              Instant.parse("2026-03-01T10:00:00.123456789Z"),
              KeyState.DECRYPT_ONLY,
              Instant.parse("2026-03-01T10:00:00.123456789Z"),
              Instant.parse("2026-03-01T10:00:00.123456789Z"),
              worst,
              Instant.parse("2026-03-01T10:00:00.123456789Z"),
              worst));
    }

    ConfigMap cm =
        RetiredKeysConfigMap.render("a-namespace-name-of-63-characters-".repeat(2), records);

    int size = Serialization.asJson(cm).getBytes(StandardCharsets.UTF_8).length;
    assertThat(size).isLessThan(1024 * 1024);
    assertThat(cm.getData().get(WireNames.RETIRED_KEYS_JSON).length())
        .as("and parse reads what render writes")
        .isLessThan(RetiredKeysConfigMap.MAX_ITEM_CHARS);
    assertThat(RetiredKeysConfigMap.parse(cm)).hasSize(RetiredKeysConfigMap.KEEP);
  }

  @Test
  void parse_absentOrWithoutItem_noRecords() {
    assertThat(RetiredKeysConfigMap.parse(null)).isEmpty();
    assertThat(RetiredKeysConfigMap.parse(new ConfigMapBuilder().build())).isEmpty();
  }

  @Test
  void parse_editedIntoSomethingElse_refusedNamingTheItem() {
    for (String text :
        List.of(
            "not json", "{}", "[{\"keyId\": \"xyz\"}]", "[{\"keyId\": \"0000000000000001\"}]")) {
      ConfigMap cm =
          new ConfigMapBuilder().withData(Map.of(WireNames.RETIRED_KEYS_JSON, text)).build();
      assertThatThrownBy(() -> RetiredKeysConfigMap.parse(cm))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ConfigMap sealwright-retired-keys item retired-keys.json ");
    }
  }

  @Test
  void refusal_retiredIdWithoutReinstatement_refusedWithTheFix() {
    RetiredKey r = record(1, "a");

    Optional<String> refused =
        RetiredKeys.refusal("sealwright-key-0000000000000001", Map.of(), Optional.of(r));

    assertThat(refused)
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains(
                        "holds key id 0000000000000001, which was retired at " + r.retiredAt())
                    .contains("sealwright keys restore --reinstate-retired"));
    assertThat(RetiredKeys.refusal("s", null, Optional.of(r))).isPresent();
    assertThat(
            RetiredKeys.refusal(
                "s", Map.of(WireNames.REINSTATED_AT_ANNOTATION, "not a time"), Optional.of(r)))
        .isPresent();
  }

  @Test
  void refusal_reinstatedBeforeTheLatestRetirement_stillRefused() {
    RetiredKey r = record(1, "a");
    Map<String, String> before =
        Map.of(WireNames.REINSTATED_AT_ANNOTATION, r.retiredAt().minusSeconds(1).toString());
    Map<String, String> after =
        Map.of(WireNames.REINSTATED_AT_ANNOTATION, r.retiredAt().plusSeconds(1).toString());

    assertThat(RetiredKeys.refusal("s", before, Optional.of(r))).isPresent();
    assertThat(RetiredKeys.refusal("s", after, Optional.of(r))).isEmpty();
    assertThat(RetiredKeys.refusal("s", Map.of(), Optional.empty())).isEmpty();
  }
}
