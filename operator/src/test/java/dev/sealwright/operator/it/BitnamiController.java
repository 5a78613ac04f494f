package dev.sealwright.operator.it;

import dev.sealwright.testing.TestPeers;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bitnami's Sealed Secrets controller v0.27.1, built from its Go module by testpeers/fetch-gitops,
 * running against the test API server. It only runs in a cluster ({@code rest.InClusterConfig}: a
 * service-account token and CA at fixed paths under /run/secrets), so it is started in a private
 * mount namespace ({@code unshare --map-root-user --mount}, no privileges needed) with a tmpfs over
 * /run holding a token of its own service account; the host's /run is never touched.
 */
final class BitnamiController implements AutoCloseable {
  static final String VERSION = "v0.27.1";
  static final String KEY_LABEL = "sealedsecrets.bitnami.com/sealed-secrets-key";

  final String namespace;
  private final KubernetesClient admin;
  private final Process process;
  private final Path log;

  private BitnamiController(KubernetesClient admin, String namespace, Process process, Path log) {
    this.admin = admin;
    this.namespace = namespace;
    this.process = process;
    this.log = log;
  }

  /** Installs Bitnami's CRD from its module's files (idempotent). */
  static void installCrd(KubernetesClient admin) {
    try {
      admin
          .resource(Files.readString(TestPeers.sealedSecretsCrd(VERSION)))
          .forceConflicts()
          .serverSideApply();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Eventually.await(
        "Bitnami SealedSecret CRD established",
        OperatorHarness.TIMEOUT,
        () ->
            admin
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("sealedsecrets.bitnami.com")
                .get()
                .getStatus()
                .getConditions()
                .stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  /** Starts a controller in a new namespace of its own, watching {@code watched}. */
  static BitnamiController start(KubernetesClient admin, String watched, Path dir) {
    installCrd(admin);
    String ns = OperatorHarness.newNamespace(admin, "bitnami-");
    admin
        .serviceAccounts()
        .inNamespace(ns)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("sealed-secrets")
                .endMetadata()
                .build())
        .create();
    admin
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("sealed-secrets-" + ns)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("sealed-secrets")
                .withNamespace(ns)
                .endSubject()
                .build())
        .create();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(ns)
            .withName("sealed-secrets")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withAudiences("https://kubernetes.default.svc")
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    try {
      Path account = Files.createDirectories(dir.resolve("serviceaccount"));
      Files.writeString(account.resolve("token"), token);
      Files.write(account.resolve("ca.crt"), caCertificate(admin));
      Files.writeString(account.resolve("namespace"), ns);
      URI server = URI.create(admin.getMasterUrl().toString());
      Path log = dir.resolve("bitnami-controller.log");
      String script =
          "mount -t tmpfs tmpfs /run && mkdir -p /run/secrets/kubernetes.io"
              + " && cp -r \"$ACCOUNT\" /run/secrets/kubernetes.io/serviceaccount"
              + " && exec \"$CONTROLLER\" --all-namespaces=false --additional-namespaces=\"$WATCHED\""
              + " --key-size=2048 --key-renew-period=0 --listen-addr=127.0.0.1:0"
              + " --listen-metrics-addr=127.0.0.1:0";
      ProcessBuilder builder =
          new ProcessBuilder(List.of("unshare", "--map-root-user", "--mount", "sh", "-c", script))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("ACCOUNT", account.toString());
      builder
          .environment()
          .put("CONTROLLER", TestPeers.sealedSecretsController(VERSION).toString());
      builder.environment().put("WATCHED", watched);
      builder.environment().put("POD_NAMESPACE", ns);
      builder.environment().put("KUBERNETES_SERVICE_HOST", server.getHost());
      builder.environment().put("KUBERNETES_SERVICE_PORT", Integer.toString(server.getPort()));
      BitnamiController controller = new BitnamiController(admin, ns, builder.start(), log);
      controller.awaitKey();
      return controller;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] caCertificate(KubernetesClient admin) throws IOException {
    var config = admin.getConfiguration();
    if (config.getCaCertData() != null) {
      return Base64.getDecoder().decode(config.getCaCertData());
    }
    return Files.readAllBytes(Path.of(config.getCaCertFile()));
  }

  /** The controller's key Secret, once it has generated one. */
  Secret awaitKey() {
    return Eventually.value(
        "the Bitnami controller's key Secret (log: " + log + ")",
        OperatorHarness.TIMEOUT,
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("the Bitnami controller exited:\n" + log());
          }
          var keys = admin.secrets().inNamespace(namespace).withLabel(KEY_LABEL).list().getItems();
          return keys.isEmpty() ? null : keys.getFirst();
        });
  }

  /** Its certificate (tls.crt), for {@code kubeseal --cert}. */
  Path certificate(Path file) throws IOException {
    Files.write(file, Base64.getDecoder().decode(awaitKey().getData().get("tls.crt")));
    return file;
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the controller (SIGTERM, as Kubernetes would) and waits for it. */
  void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean running() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stop();
    admin.rbac().clusterRoleBindings().withName("sealed-secrets-" + namespace).delete();
    admin.namespaces().withName(namespace).delete();
  }
}
