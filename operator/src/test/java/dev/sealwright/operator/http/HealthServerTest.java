package dev.sealwright.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void probes_whileAScrapeIsStuck_stillAnswer() throws Exception {
    CountDownLatch scrapeStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PrometheusRegistry registry = new PrometheusRegistry();
    GaugeWithCallback.builder()
        .name("slow")
        .help("blocks until released")
        .callback(
            cb -> {
              scrapeStarted.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cb.call(1);
            })
        .register(registry);
    try (HealthServer server = new HealthServer(0, () -> true, () -> true, registry)) {
      CompletableFuture<HttpResponse<String>> scrape = get(server, "/metrics");
      assertThat(scrapeStarted.await(10, TimeUnit.SECONDS)).isTrue();
      // A second scraper is turned away instead of taking another thread.
      assertThat(get(server, "/metrics").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);

      assertThat(get(server, "/healthz").get(10, TimeUnit.SECONDS).body()).isEqualTo("ok\n");
      assertThat(get(server, "/readyz").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(scrape).isNotDone();

      release.countDown();
      assertThat(scrape.get(10, TimeUnit.SECONDS).body()).contains("slow 1.0");
    } finally {
      release.countDown();
    }
  }

  private CompletableFuture<HttpResponse<String>> get(HealthServer server, String path) {
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
