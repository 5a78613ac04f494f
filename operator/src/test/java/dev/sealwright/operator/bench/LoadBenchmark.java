package dev.sealwright.operator.bench;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.operator.Fixtures;
import dev.sealwright.operator.SealedSecretCrd;
import dev.sealwright.operator.keys.KeySecrets;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The operator load benchmark (not a test; run by operator/scripts/load-benchmark.sh, described in
 * docs/benchmarks.md): N SealedSecrets of 5 items each in the test environment, then the built
 * operator as its own process, twice. Reports time from operator start to all Ready, the same for a
 * restart over the unchanged objects (with the decryption count from its metrics), and the
 * operator's peak RSS.
 *
 * <p>Arguments: repo root, kubeconfig, object count.
 */
public final class LoadBenchmark {
  private static final int ITEMS = 5;
  private static final Pattern UNSEALED =
      Pattern.compile(
          "sealwright_reconcile_results_total\\{reason=\"Unsealed\",skipped=\"(true|false)\"} ([0-9.eE+]+)");
  private static final Pattern DECRYPTIONS =
      Pattern.compile("sealwright_decryptions_total ([0-9.eE+]+)");

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path kubeconfig = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    try (KubernetesClient admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(kubeconfig.toFile()))
            .build()) {
      SealedSecretCrd.install(admin);
      String suffix = Long.toString(System.currentTimeMillis() % 100000);
      String opNs = namespace(admin, "sw-bench-op-" + suffix);
      String ns = namespace(admin, "sw-bench-" + suffix);

      // The cluster key is made here, as a restored backup would be, so values can be sealed first.
      HybridIdentity key = AgeKeys.generateHybrid();
      admin.resource(KeySecrets.toSecret(opNs, key, Instant.now())).create();

      long t0 = System.nanoTime();
      List<SealedSecret> objects =
          IntStream.range(0, count).parallel().mapToObj(i -> sealed(key, ns, "s" + i)).toList();
      System.out.printf("sealed %d objects x %d items in %.1f s%n", count, ITEMS, secs(t0));

      t0 = System.nanoTime();
      try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
        List<Future<?>> futures = new ArrayList<>();
        for (SealedSecret ss : objects) {
          futures.add(pool.submit(() -> admin.resource(ss).create()));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      }
      System.out.printf("applied %d SealedSecrets in %.1f s%n", count, secs(t0));

      Run first = runOperator(root, kubeconfig, opNs, ns, count, false);
      System.out.printf(
          "first start: all %d Ready in %.1f s; decryptions %d; peak RSS %d MiB%n",
          count, first.seconds, first.decryptions, first.peakRssKib / 1024);
      Run restart = runOperator(root, kubeconfig, opNs, ns, count, true);
      System.out.printf(
          "restart:     all %d Ready in %.1f s; decryptions %d; peak RSS %d MiB%n",
          count, restart.seconds, restart.decryptions, restart.peakRssKib / 1024);

      admin.namespaces().withName(ns).delete();
      admin.namespaces().withName(opNs).delete();
    }
  }

  record Run(double seconds, long decryptions, long peakRssKib) {}

  private static SealedSecret sealed(HybridIdentity key, String ns, String name) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < ITEMS; i++) {
      values.put("item" + i, "value-" + name + "-" + i + "-0123456789abcdef0123456789abcdef");
    }
    return Fixtures.sealedSecretForApply(ns, name, Fixtures.seal(key, ns, name, values));
  }

  /** Starts bin/sealwright-operator, waits until every object was reconciled, stops it. */
  private static Run runOperator(
      Path root, Path kubeconfig, String opNs, String ns, int count, boolean expectSkipped)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                root.resolve("bin/sealwright-operator").toString(),
                "--namespace=" + opNs,
                "--watch-namespaces=" + ns,
                "--http-port=" + port,
                "--no-leader-election")
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("operator/target/load-benchmark-operator.log").toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().put("SEALWRIGHT_LOG_LEVEL", "WARN");
    long t0 = System.nanoTime();
    Process p = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    long peak = 0;
    double done = -1;
    long decryptions = 0;
    try {
      while (secs(t0) < 600) {
        peak = Math.max(peak, rssKib(p.pid()));
        String metrics;
        try {
          metrics =
              http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
        } catch (IOException notYetListening) {
          Thread.sleep(100);
          continue;
        }
        double ready = 0;
        Matcher m = UNSEALED.matcher(metrics);
        while (m.find()) {
          ready += Double.parseDouble(m.group(2));
        }
        Matcher d = DECRYPTIONS.matcher(metrics);
        decryptions = d.find() ? (long) Double.parseDouble(d.group(1)) : 0;
        if (ready >= count) {
          done = secs(t0);
          break;
        }
        Thread.sleep(200);
      }
      peak = Math.max(peak, rssKib(p.pid()));
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    if (done < 0) {
      throw new IllegalStateException("not all objects were Ready within 600 s");
    }
    return new Run(done, decryptions, peak);
  }

  private static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException gone) {
      // the process ended
    }
    return 0;
  }

  private static String namespace(KubernetesClient admin, String name) {
    admin
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
