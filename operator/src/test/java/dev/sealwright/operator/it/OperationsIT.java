package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's HTTP endpoints: probes and Prometheus metrics, with nothing secret in them. */
@ExtendWith(KubeTestEnvironment.class)
class OperationsIT {
  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void endpoints_afterOneObject_probesOkAndMetricsCountIt(KubernetesClient admin, TestNamespace ns)
      throws Exception {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      h.apply(h.sealWithCli(ns.name(), "m", Map.of("pw", "metric-secret")));
      h.awaitReason(ns.name(), "m", Conditions.UNSEALED);
      int port = h.operator.httpPort();
      String keyId = h.operator.keys().snapshot().current().orElseThrow().keyId().value();

      assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(port, "/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("sealwright_objects_by_key{key_id=\"" + keyId + "\"} 1.0")
          .contains("sealwright_key_age_seconds{key_id=\"" + keyId + "\",state=\"active\"}")
          // At least once: a reconcile may race the informer and verify the Secret a second time.
          .containsPattern(
              "sealwright_reconcile_results_total\\{reason=\"Unsealed\",skipped=\"false\"} [1-9]")
          .containsPattern("sealwright_decryptions_total [1-9]")
          .contains("sealwright_reconcile_duration_seconds_count")
          .contains("sealwright_leader 1.0")
          .doesNotContain("metric-secret");
    }
  }
}
