package dev.sealwright.operator.keys;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ConfigMap {@value WireNames#RETIRED_KEYS_CONFIGMAP}: one JSON record per retired key, oldest
 * first, in the data item {@value WireNames#RETIRED_KEYS_JSON}. It keeps the newest {@value #KEEP}
 * records, which keeps it far below the API server's 1 MiB object limit (a record is at most about
 * 900 bytes; {@code RetiredKeysConfigMapTest} checks the full ConfigMap). Pure rendering and
 * parsing; the format is documented in docs/keys.md.
 */
public final class RetiredKeysConfigMap {
  /** Records kept; older ones are dropped (at monthly rotation, 40 years of retirements). */
  public static final int KEEP = 500;

  /** More than {@value #KEEP} full records take; a larger item is not read. */
  static final int MAX_ITEM_CHARS = 768 * 1024;

  private RetiredKeysConfigMap() {}

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({
    "keyId",
    "createdAt",
    "state",
    "stateSince",
    "requestedAt",
    "requestedBy",
    "retiredAt",
    "retiredBy"
  })
  record Json(
      String keyId,
      String createdAt,
      String state,
      String stateSince,
      String requestedAt,
      String requestedBy,
      String retiredAt,
      String retiredBy) {}

  /** {@code existing} plus {@code record}, keeping the newest {@value #KEEP}. */
  public static List<RetiredKey> append(List<RetiredKey> existing, RetiredKey record) {
    List<RetiredKey> all = new ArrayList<>(existing);
    all.add(record);
    return List.copyOf(all.subList(Math.max(0, all.size() - KEEP), all.size()));
  }

  public static ConfigMap render(String namespace, List<RetiredKey> records) {
    List<Json> json = new ArrayList<>();
    for (RetiredKey r : records.subList(Math.max(0, records.size() - KEEP), records.size())) {
      json.add(
          new Json(
              r.keyId().value(),
              r.createdAt().toString(),
              r.state().label(),
              r.stateSince() == null ? null : r.stateSince().toString(),
              r.requestedAt().toString(),
              r.requestedBy(),
              r.retiredAt().toString(),
              r.retiredBy()));
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(WireNames.RETIRED_KEYS_CONFIGMAP)
        .withNamespace(namespace)
        .addToLabels(WireNames.MANAGED_BY_LABEL, WireNames.MANAGED_BY_VALUE)
        .endMetadata()
        .withData(Map.of(WireNames.RETIRED_KEYS_JSON, KeysJson.write(json)))
        .build();
  }

  /**
   * The records of a ConfigMap (none if it is absent or has no item).
   *
   * @throws IllegalArgumentException naming what is wrong, if the item is not records as written
   *     here: the operator then neither trusts nor overwrites it
   */
  public static List<RetiredKey> parse(ConfigMap cm) {
    String text =
        cm == null || cm.getData() == null ? null : cm.getData().get(WireNames.RETIRED_KEYS_JSON);
    if (text == null) {
      return List.of();
    }
    if (text.length() > MAX_ITEM_CHARS) {
      throw invalid("is larger than " + MAX_ITEM_CHARS + " characters");
    }
    List<Json> json;
    try {
      json = KeysJson.MAPPER.readValue(text, new TypeReference<List<Json>>() {});
    } catch (JsonProcessingException e) {
      throw invalid("is not a JSON list of records");
    }
    List<RetiredKey> records = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      Json j = json.get(i);
      try {
        records.add(
            new RetiredKey(
                new KeyId(j.keyId()),
                Instant.parse(j.createdAt()),
                KeyState.fromLabel(j.state()),
                j.stateSince() == null ? null : Instant.parse(j.stateSince()),
                Instant.parse(j.requestedAt()),
                j.requestedBy(),
                Instant.parse(j.retiredAt()),
                j.retiredBy()));
      } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
        throw invalid("record " + i + " lacks a field or has one that does not parse");
      }
    }
    return List.copyOf(records);
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException(
        "ConfigMap "
            + WireNames.RETIRED_KEYS_CONFIGMAP
            + " item "
            + WireNames.RETIRED_KEYS_JSON
            + " "
            + why);
  }
}
