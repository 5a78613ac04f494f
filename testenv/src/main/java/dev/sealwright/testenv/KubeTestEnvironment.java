package dev.sealwright.testenv;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives {@code *IT} tests a real Kubernetes API server (see
 * docs/testing.md).
 *
 * <pre>{@code
 * @ExtendWith(KubeTestEnvironment.class)
 * class SomethingIT {
 *   @Test
 *   void x(KubernetesClient admin, TestNamespace ns, RestrictedClient restricted) { ... }
 * }
 * }</pre>
 *
 * <p>The control plane is started once per JVM by running {@code testenv/up} unless one is already
 * running and ready; if this JVM started it, {@code testenv/down} stops it at JVM exit (set {@code
 * -Dsealwright.testenv.keep=true} to keep it). Parameters it resolves:
 *
 * <ul>
 *   <li>{@link KubernetesClient}: the admin (system:masters) client, shared; do not close it.
 *   <li>{@link TestNamespace}: a fresh namespace for this test, deleted after it.
 *   <li>{@link RestrictedClient}: the non-admin user's client.
 *   <li>{@link Node}: the node that runs pods, in classes marked {@link NeedsNode} when the JVM
 *       runs with {@code -Dsealwright.node=true}.
 * </ul>
 */
public final class KubeTestEnvironment implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(KubeTestEnvironment.class);

  /** The admin kubeconfig; valid while the control plane runs. */
  public static Path kubeconfig() {
    return ControlPlane.kubeconfig(ControlPlane.get().repoRoot());
  }

  /** The restricted user's kubeconfig; valid while the control plane runs. */
  public static Path restrictedKubeconfig() {
    return ControlPlane.restrictedKubeconfig(ControlPlane.get().repoRoot());
  }

  /** The kubectl of the control plane's release (testenv/.state/bin); valid while it runs. */
  public static Path kubectl() {
    return ControlPlane.get().repoRoot().resolve("testenv/.state/bin/kubectl");
  }

  /**
   * The value etcd stores under {@code key} (such as {@code /registry/secrets/NS/NAME}), read
   * directly through etcd's JSON gateway, past the API server: what a stolen etcd disk or backup
   * would show. Empty if the key does not exist.
   */
  public static java.util.Optional<byte[]> etcdValue(String key) {
    Path ports = ControlPlane.get().repoRoot().resolve("testenv/.state/ports");
    try {
      String port =
          java.nio.file.Files.readAllLines(ports).stream()
              .filter(l -> l.startsWith("ETCD_PORT="))
              .map(l -> l.substring("ETCD_PORT=".length()))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no ETCD_PORT in " + ports));
      var b64 = java.util.Base64.getEncoder();
      String body =
          "{\"key\":\""
              + b64.encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              + "\"}";
      try (var http = java.net.http.HttpClient.newHttpClient()) {
        var response =
            http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/v3/kv/range"))
                    .timeout(java.time.Duration.ofSeconds(10))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("etcd answered " + response.statusCode());
        }
        var m =
            java.util.regex.Pattern.compile("\"value\":\"([A-Za-z0-9+/=]*)\"")
                .matcher(response.body());
        return m.find()
            ? java.util.Optional.of(java.util.Base64.getDecoder().decode(m.group(1)))
            : java.util.Optional.empty();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // Start (or build, on a fresh machine) before the first test, so no single test carries it.
    ControlPlane.get();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class
        || type == TestNamespace.class
        || type == RestrictedClient.class
        || type == Node.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    ControlPlane plane = ControlPlane.get();
    if (type == KubernetesClient.class) {
      return plane.admin();
    }
    if (type == RestrictedClient.class) {
      return new RestrictedClient(plane.restricted());
    }
    if (type == Node.class) {
      return plane.node();
    }
    // One namespace per test: @BeforeEach, the test and @AfterEach share the method's store.
    return context
        .getStore(STORE)
        .computeIfAbsent(
            TestNamespace.class,
            key -> Lease.create(plane.admin(), namespaceName(context)),
            Lease.class)
        .namespace();
  }

  /** Deletes its namespace when JUnit closes the test's store, i.e. after the test. */
  private record Lease(KubernetesClient admin, TestNamespace namespace) implements AutoCloseable {
    static Lease create(KubernetesClient admin, String name) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .addToLabels("sealwright.dev/testenv", "test")
                  .endMetadata()
                  .build())
          .create();
      return new Lease(admin, new TestNamespace(name));
    }

    @Override
    public void close() {
      admin.namespaces().withName(namespace.name()).delete();
    }
  }

  private static String namespaceName(ExtensionContext context) {
    StringBuilder suffix = new StringBuilder();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 5; i++) {
      suffix.append((char) ('a' + random.nextInt(26)));
    }
    return namespaceName(
        context.getRequiredTestClass().getSimpleName(),
        context.getTestMethod().map(m -> m.getName()).orElse("all"),
        suffix.toString());
  }

  /**
   * {@code t-<class>-<method>-<suffix>} reduced to a valid DNS label (63 characters at most), so
   * the namespace of a failing test can be found with kubectl.
   */
  static String namespaceName(String testClass, String testMethod, String suffix) {
    String readable =
        (testClass + "-" + testMethod).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    String prefix =
        ("t-" + readable).substring(0, Math.min(readable.length() + 2, 62 - suffix.length()));
    return prefix.replaceAll("-+$", "") + "-" + suffix;
  }
}
