package dev.sealwright.operator;

import dev.sealwright.wire.Defaults;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the operator: parses flags (each also readable from an environment variable), then
 * runs {@link SealwrightOperator} until SIGTERM. Nothing else lives here.
 */
@Command(
    name = "sealwright-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Turns SealedSecrets into Secrets and manages the cluster's sealing keys.")
public final class Main implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--namespace",
      defaultValue = "${env:SEALWRIGHT_NAMESPACE}",
      description =
          "Operator namespace: keys, public-keys ConfigMap, Lease (env SEALWRIGHT_NAMESPACE).")
  String namespace;

  @Option(
      names = "--watch-namespaces",
      defaultValue = "${env:SEALWRIGHT_WATCH_NAMESPACES}",
      description =
          "Comma-separated namespaces to reconcile; empty = all (env SEALWRIGHT_WATCH_NAMESPACES).")
  String watchNamespaces;

  @Option(
      names = "--workers",
      defaultValue = "${env:SEALWRIGHT_WORKERS:-" + Defaults.WORKERS + "}",
      description = "Concurrent reconciles (env SEALWRIGHT_WORKERS, default ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--rotation-period",
      defaultValue = "${env:SEALWRIGHT_ROTATION_PERIOD:-" + Defaults.ROTATION_PERIOD + "}",
      description =
          "ISO-8601 age at which a new key is made (env SEALWRIGHT_ROTATION_PERIOD, default ${DEFAULT-VALUE}).")
  Duration rotationPeriod;

  @Option(
      names = "--key-check-interval",
      defaultValue = "${env:SEALWRIGHT_KEY_CHECK_INTERVAL:-" + Defaults.KEY_CHECK_INTERVAL + "}",
      description =
          "How often the leader checks if rotation is due (env SEALWRIGHT_KEY_CHECK_INTERVAL, default ${DEFAULT-VALUE}).")
  Duration keyCheckInterval;

  @Option(
      names = "--http-port",
      defaultValue = "${env:SEALWRIGHT_HTTP_PORT:-" + Defaults.HTTP_PORT + "}",
      description =
          "Port of /healthz, /readyz, /metrics; -1 disables (env SEALWRIGHT_HTTP_PORT, default ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--leader-election",
      negatable = true,
      defaultValue = "${env:SEALWRIGHT_LEADER_ELECTION:-true}",
      fallbackValue = "true",
      description =
          "Take a Lease before reconciling (env SEALWRIGHT_LEADER_ELECTION, default ${DEFAULT-VALUE}).")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "${env:SEALWRIGHT_LEASE_NAME:-" + Defaults.LEASE_NAME + "}",
      description = "Name of the Lease (env SEALWRIGHT_LEASE_NAME, default ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(
      names = "--identity",
      defaultValue = "${env:POD_NAME}",
      description = "This replica's name in the Lease (env POD_NAME; default a random id).")
  String identity;

  @CommandLine.Mixin KeyProtectionFlags protection = new KeyProtectionFlags();

  @Option(
      names = "--key-unwrap-retry",
      defaultValue = "${env:SEALWRIGHT_KEY_UNWRAP_RETRY:-PT10S}",
      description =
          "How soon a key the KEK holder could not unwrap is tried again (env SEALWRIGHT_KEY_UNWRAP_RETRY, default ${DEFAULT-VALUE}).")
  Duration keyUnwrapRetry;

  /** The version from the jar's manifest (set by the build). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sealwright-operator " + (v == null ? "(development build)" : v)};
    }
  }

  private int usage(String error, String hint) {
    var err = spec.commandLine().getErr();
    err.println("sealwright-operator: error: " + error);
    err.println("sealwright-operator: hint: " + hint);
    err.flush();
    return 2;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    if (namespace == null || namespace.isBlank()) {
      return usage("no operator namespace", "pass --namespace NAME or set SEALWRIGHT_NAMESPACE");
    }
    dev.sealwright.operator.keys.KeyStorage storage;
    try {
      storage = protection.storage();
    } catch (KeyProtectionFlags.Invalid e) {
      return usage(e.getMessage(), e.hint);
    }
    Set<String> watched =
        watchNamespaces == null
            ? Set.of()
            : Arrays.stream(watchNamespaces.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    OperatorSettings settings =
        OperatorSettings.builder(namespace)
            .watchNamespaces(watched)
            .workers(workers)
            .rotationPeriod(rotationPeriod)
            .keyCheckInterval(keyCheckInterval)
            .httpPort(httpPort)
            .leaderElection(leaderElection)
            .leaseName(leaseName)
            .identity(identity)
            .keyStorage(storage)
            .keyUnwrapRetry(keyUnwrapRetry)
            .build();
    KubernetesClient client = new KubernetesClientBuilder().build();
    SealwrightOperator operator;
    try {
      operator = SealwrightOperator.start(settings, client);
    } catch (SealwrightOperator.Refused e) {
      client.close();
      return usage(e.getMessage(), e.hint());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  client.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }
}
