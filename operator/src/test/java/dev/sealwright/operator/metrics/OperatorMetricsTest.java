package dev.sealwright.operator.metrics;

import static dev.sealwright.operator.Fixtures.sealedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.operator.keys.ClusterKey;
import dev.sealwright.operator.keys.KeySnapshot;
import dev.sealwright.operator.keys.KeyState;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void objectsByKey_tenantChosenKeyIds_countUnderOneUnknownSeries() throws Exception {
    HybridIdentity id = AgeKeys.generateHybrid();
    KeyId held = KeyId.of(id.publicRecipient());
    KeySnapshot snapshot =
        new KeySnapshot(
            List.of(
                new ClusterKey(
                    "k", held, id.publicRecipient(), id, KeyState.ACTIVE, T.minusSeconds(60))));
    OperatorMetrics metrics = new OperatorMetrics(() -> snapshot, Clock.fixed(T, ZoneOffset.UTC));
    // 16 ids is the most an envelope may name; 1,000 objects each naming other ids.
    List<SealedSecret> objects =
        IntStream.range(0, 1000)
            .mapToObj(
                i ->
                    sealedSecret(
                        "ns",
                        "o" + i,
                        Map.of(
                            "pw",
                            "sw1:strict::"
                                + String.format("%016x", i)
                                + ","
                                + held.value()
                                + ":AAAA")))
            .toList();
    metrics.objects(objects::stream);

    String text = scrape(metrics);

    List<String> series =
        text.lines().filter(l -> l.startsWith("sealwright_objects_by_key{")).toList();
    assertThat(series)
        .containsExactlyInAnyOrder(
            "sealwright_objects_by_key{key_id=\"" + held.value() + "\"} 1000.0",
            "sealwright_objects_by_key{key_id=\"unknown\"} 1000.0");
  }

  @Test
  void objectsByKey_malformedEnvelopes_countUnderNoKey() throws Exception {
    OperatorMetrics metrics =
        new OperatorMetrics(() -> KeySnapshot.EMPTY, Clock.fixed(T, ZoneOffset.UTC));
    String tooMany =
        "sw1:strict::"
            + IntStream.range(0, 17)
                .mapToObj(i -> String.format("%016x", i))
                .collect(Collectors.joining(","))
            + ":AAAA";
    metrics.objects(() -> Stream.of(sealedSecret("ns", "x", Map.of("pw", tooMany))));
    assertThat(scrape(metrics)).doesNotContain("sealwright_objects_by_key{");
  }

  private static String scrape(OperatorMetrics metrics) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
