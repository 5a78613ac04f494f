package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.operator.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyUsageTest {
  private static final HybridIdentity OLD = AgeKeys.generateHybrid();
  private static final HybridIdentity NEW = AgeKeys.generateHybrid();
  private static final KeyId OLD_ID = KeyId.of(OLD.publicRecipient());

  private static SealedSecret object(String ns, String name, Map<String, HybridIdentity> items) {
    Map<String, String> sealed = new LinkedHashMap<>();
    items.forEach(
        (item, key) -> sealed.putAll(Fixtures.seal(key, ns, name, Map.of(item, "v-" + item))));
    return Fixtures.sealedSecret(ns, name, sealed);
  }

  @Test
  void of_objectsWithAnItemSealedToTheKey_listedSortedWithThoseItemsOnly() {
    SealedSecret mixed = object("b", "db", Map.of("password", OLD, "user", NEW, "host", OLD));
    SealedSecret resealed = object("a", "api", Map.of("token", NEW));
    SealedSecret old = object("a", "cache", Map.of("url", OLD));

    KeyUsage usage = KeyUsage.of(java.util.stream.Stream.of(mixed, resealed, old), OLD_ID);

    assertThat(usage.inUse()).isTrue();
    assertThat(usage.objects()).isEqualTo(2);
    assertThat(usage.listed())
        .containsExactly(
            new KeyUsage.Use("a", "cache", List.of("url"), 0),
            new KeyUsage.Use("b", "db", List.of("host", "password"), 0));
    assertThat(usage.listed().get(1).describe()).isEqualTo("b/db (items host, password)");
    assertThat(usage.listed().get(0).describe()).isEqualTo("a/cache (item url)");
  }

  @Test
  void of_noObjectNamesTheKey_notInUse() {
    KeyUsage usage =
        KeyUsage.of(java.util.stream.Stream.of(object("a", "x", Map.of("k", NEW))), OLD_ID);

    assertThat(usage.inUse()).isFalse();
    assertThat(usage.listed()).isEmpty();
  }

  @Test
  void of_manyObjectsAndItems_listingBoundedCountExact() {
    List<SealedSecret> objects = new ArrayList<>();
    Map<String, String> manyItems = new LinkedHashMap<>();
    for (int i = 0; i < KeyUsage.MAX_ITEMS + 3; i++) {
      manyItems.put(String.format("item%02d", i), "");
    }
    String envelope = Fixtures.seal(OLD, "ns", "o", Map.of("x", "v")).get("x");
    manyItems.replaceAll((k, v) -> envelope);
    for (int i = 0; i < KeyUsage.MAX_LISTED + 5; i++) {
      objects.add(Fixtures.sealedSecret("ns", String.format("o%02d", i), manyItems));
    }

    KeyUsage usage = KeyUsage.of(objects.stream(), OLD_ID);

    assertThat(usage.objects()).isEqualTo(KeyUsage.MAX_LISTED + 5);
    assertThat(usage.listed()).hasSize(KeyUsage.MAX_LISTED);
    assertThat(usage.listed().getFirst().items()).hasSize(KeyUsage.MAX_ITEMS);
    assertThat(usage.listed().getFirst().moreItems()).isEqualTo(3);
    assertThat(usage.listed().getFirst().describe()).endsWith(", +3 more)");
  }

  @Test
  void of_malformedEnvelopeOrNoData_ignored() {
    SealedSecret empty = Fixtures.sealedSecret("a", "empty", Map.of());
    empty.getSpec().setEncryptedData(null);

    KeyUsage usage =
        KeyUsage.of(
            java.util.stream.Stream.of(
                empty, Fixtures.sealedSecret("a", "bad", Map.of("k", "not an envelope"))),
            OLD_ID);

    assertThat(usage.inUse()).isFalse();
  }
}
