package dev.sealwright.operator.metrics;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.operator.keys.ClusterKey;
import dev.sealwright.operator.keys.KeySnapshot;
import dev.sealwright.operator.keys.KeyUsage;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The operator's Prometheus metrics; names and labels are documented in docs/operator.md. */
public final class OperatorMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter results;
  private final Counter decryptions;
  private final Counter eventWriteFailures;
  private final Histogram latency;
  private final AtomicBoolean leader = new AtomicBoolean();
  private volatile Supplier<Stream<SealedSecret>> objects = Stream::empty;

  /**
   * @param keys the current cluster keys (read at each scrape)
   */
  public OperatorMetrics(Supplier<KeySnapshot> keys, Clock clock) {
    results =
        Counter.builder()
            .name("sealwright_reconcile_results_total")
            .help("Reconcile results by Ready reason; skipped=true when the Secret was up to date")
            .labelNames("reason", "skipped")
            .register(registry);
    decryptions =
        Counter.builder()
            .name("sealwright_decryptions_total")
            .help("Sealed items opened (successfully or not)")
            .register(registry);
    eventWriteFailures =
        Counter.builder()
            .name("sealwright_event_write_failures_total")
            .help("Events that could not be recorded (refused by the API server, or queue full)")
            .register(registry);
    latency =
        Histogram.builder()
            .name("sealwright_reconcile_duration_seconds")
            .help("Time for one reconcile of one SealedSecret")
            .classicOnly()
            .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    GaugeWithCallback.builder()
        .name("sealwright_key_age_seconds")
        .help("Age of each cluster key")
        .labelNames("key_id", "state")
        .callback(
            cb -> {
              for (ClusterKey k : keys.get().keys()) {
                double age = Duration.between(k.createdAt(), clock.instant()).toSeconds();
                cb.call(age, k.keyId().value(), k.state().label());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("sealwright_objects_by_key")
        .help(
            "SealedSecrets with at least one item sealed to each cluster key id; ids this"
                + " cluster does not hold count under key_id=\"unknown\"")
        .labelNames("key_id")
        .callback(cb -> countByKey(keys).forEach((id, n) -> cb.call(n, id)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("sealwright_leader")
        .help("1 if this replica is the leader")
        .callback(cb -> cb.call(leader.get() ? 1 : 0))
        .register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public void result(String reason, boolean skipped) {
    results.labelValues(reason, Boolean.toString(skipped)).inc();
  }

  public void decrypted(int items) {
    decryptions.inc(items);
  }

  public void eventWriteFailed() {
    eventWriteFailures.inc();
  }

  public void reconcileSeconds(double seconds) {
    latency.observe(seconds);
  }

  public void leader(boolean isLeader) {
    leader.set(isLeader);
  }

  /**
   * Where the SealedSecrets for {@code sealwright_objects_by_key} come from (the informer cache).
   */
  public void objects(Supplier<Stream<SealedSecret>> source) {
    objects = source;
  }

  public double decryptionsTotal() {
    return decryptions.get();
  }

  /** How many reconciles ended with {@code reason}, counting skipped ones or the others. */
  public double resultsTotal(String reason, boolean skipped) {
    return results.labelValues(reason, Boolean.toString(skipped)).get();
  }

  public double eventWriteFailuresTotal() {
    return eventWriteFailures.get();
  }

  /** The label for key ids this cluster does not hold: tenants choose those, so never a label. */
  public static final String UNKNOWN_KEY = "unknown";

  // Key ids are read from the envelope's clear field without parsing the age file, so a scrape
  // costs a string split per item. Only ids of the cluster's own keys become label values: any
  // other id, however many a tenant writes, counts under one "unknown" series.
  private Map<String, Double> countByKey(Supplier<KeySnapshot> keys) {
    Set<String> held = new HashSet<>();
    keys.get().keys().forEach(k -> held.add(k.keyId().value()));
    Map<String, Double> counts = new TreeMap<>();
    objects
        .get()
        .forEach(
            ss -> {
              if (ss.getSpec() == null || ss.getSpec().getEncryptedData() == null) {
                return;
              }
              ss.getSpec().getEncryptedData().values().stream()
                  .flatMap(KeyUsage::keyIds)
                  .map(id -> held.contains(id) ? id : UNKNOWN_KEY)
                  .distinct()
                  .forEach(id -> counts.merge(id, 1.0, Double::sum));
            });
    return counts;
  }
}
