package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.operator.Fixtures;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tenant-sized denial of service of issue 8: objects near the API server's size limit whose
 * envelopes name tens of thousands of key ids. Before the limits, 16 of these ran a 384 MiB
 * operator out of memory (every id became a metric label, and the list went into status, an Event
 * and the log).
 */
@ExtendWith(KubeTestEnvironment.class)
class OversizedObjectsIT {
  private static final int OBJECTS = 16;
  private static final int ITEMS = 4;
  private static final int KEY_IDS_PER_ITEM = 17_000;

  private static String envelopeNaming(int keyIds, int salt) {
    String ids =
        IntStream.range(0, keyIds)
            .mapToObj(i -> String.format("%08x%08x", salt, i))
            .collect(Collectors.joining(","));
    return "sw1:strict::" + ids + ":YWdlLWVuY3J5cHRpb24ub3JnL3YxCg==";
  }

  /** docs/operator.md: messages are cut to 1,024 characters (the spec's number, not the code's). */
  private static final int MESSAGE_LIMIT = 1_024;

  @Test
  void sixteenObjectsNamingManyKeyIds_malformed_boundedEverywhere(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      long before = usedHeapAfterGc();
      for (int o = 0; o < OBJECTS; o++) {
        Map<String, String> items = new LinkedHashMap<>();
        for (int i = 0; i < ITEMS; i++) {
          items.put("item" + i, envelopeNaming(KEY_IDS_PER_ITEM, o * ITEMS + i));
        }
        h.apply(Fixtures.sealedSecretForApply(ns.name(), "big" + o, items));
      }
      for (int o = 0; o < OBJECTS; o++) {
        SealedSecret ss = h.awaitReason(ns.name(), "big" + o, Conditions.MALFORMED);
        String message = ss.getStatus().condition(Conditions.READY).orElseThrow().getMessage();
        assertThat(message).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT).contains("key ids");
        assertThat(h.secret(ns.name(), "big" + o)).isNull();
      }
      long after = usedHeapAfterGc();

      List<Event> events = admin.v1().events().inNamespace(ns.name()).list().getItems();
      assertThat(events)
          .allSatisfy(e -> assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT));
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + h.operator.httpPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      // An envelope naming more than 16 key ids is malformed: the gauge reads none of its ids,
      // so these objects add no series at all (not one per tenant key id, not even "unknown").
      assertThat(metrics.lines().filter(l -> l.startsWith("sealwright_objects_by_key{")))
          .as("no metric series per tenant key id")
          .isEmpty();
      assertThat(metrics.length()).isLessThan(64 * 1024);
      // The objects themselves are in the informer cache (16 x ~1.2 MB); beyond that the operator
      // holds nothing proportional to the key ids they name.
      assertThat(after - before)
          .as("heap growth in bytes while %d oversized objects exist", OBJECTS)
          .isLessThan(160L * 1024 * 1024);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
