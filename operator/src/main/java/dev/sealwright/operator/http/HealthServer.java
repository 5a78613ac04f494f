package dev.sealwright.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code /healthz} (the process works), {@code /readyz} (informers synced and keys read) and
 * {@code /metrics} (Prometheus text format). Nothing here decrypts or reveals a key: there is no
 * endpoint an attacker could use as an oracle.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  private static final int THREADS = 3;

  private final ExecutorService executor;
  private final Semaphore scraping = new Semaphore(1);

  public HealthServer(
      int port, BooleanSupplier live, BooleanSupplier ready, PrometheusRegistry registry)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext("/healthz", ex -> probe(ex, live.getAsBoolean()));
    server.createContext("/readyz", ex -> probe(ex, ready.getAsBoolean()));
    server.createContext("/metrics", ex -> metrics(ex, registry));
    // Probes must answer while a scrape is slow (10,000 objects to count) or a reconcile holds
    // the CPU: the kubelet restarts a pod whose liveness probe times out. Scrapes take at most one
    // of the threads; the others are always free for probes.
    executor =
        Executors.newFixedThreadPool(
            THREADS, r -> Thread.ofPlatform().daemon().name("http").unstarted(r));
    server.setExecutor(executor);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void probe(HttpExchange ex, boolean ok) throws IOException {
    send(
        ex,
        ok ? 200 : 503,
        "text/plain",
        (ok ? "ok\n" : "not ready\n").getBytes(StandardCharsets.US_ASCII));
  }

  private void metrics(HttpExchange ex, PrometheusRegistry registry) throws IOException {
    if (!scraping.tryAcquire()) {
      send(
          ex,
          503,
          "text/plain",
          "a scrape is already running\n".getBytes(StandardCharsets.US_ASCII));
      return;
    }
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
      writer.write(body, registry.scrape());
      send(ex, 200, writer.getContentType(), body.toByteArray());
    } finally {
      scraping.release();
    }
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    // HttpServer.stop leaves a caller-supplied executor running.
    executor.shutdown();
  }
}
