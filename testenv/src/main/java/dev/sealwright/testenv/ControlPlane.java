package dev.sealwright.testenv;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one control plane of this JVM: finds the repository, runs {@code testenv/up} when nothing is
 * running (with {@code --with-node} if the JVM asks for the {@link Node}), and at JVM exit runs
 * {@code testenv/down} if tests started the control plane and no other test JVM still uses it, so
 * one a developer started by hand keeps running and a build leaves nothing behind.
 */
final class ControlPlane {
  /** Set to {@code true} to leave a control plane the tests start running after them. */
  static final String KEEP_PROPERTY = "sealwright.testenv.keep";

  static final String REPO_ROOT_PROPERTY = "sealwright.repo.root";

  private static ControlPlane instance;

  private final Path repoRoot;
  private final KubernetesClient admin;
  private final KubernetesClient restricted;
  private final Node node; // null unless the JVM asked for the node

  private ControlPlane(
      Path repoRoot, KubernetesClient admin, KubernetesClient restricted, Node node) {
    this.repoRoot = repoRoot;
    this.admin = admin;
    this.restricted = restricted;
    this.node = node;
  }

  static synchronized ControlPlane get() {
    if (instance == null) {
      instance = start(findRepoRoot());
    }
    return instance;
  }

  KubernetesClient admin() {
    return admin;
  }

  KubernetesClient restricted() {
    return restricted;
  }

  Node node() {
    if (node == null) {
      throw new IllegalStateException(
          "this test JVM has no node: mark the class @NeedsNode and run with -D"
              + Node.PROPERTY
              + "=true");
    }
    return node;
  }

  static Path kubeconfig(Path repoRoot) {
    return repoRoot.resolve("testenv/.state/kubeconfig");
  }

  static Path restrictedKubeconfig(Path repoRoot) {
    return repoRoot.resolve("testenv/.state/kubeconfig-restricted");
  }

  Path repoRoot() {
    return repoRoot;
  }

  private static ControlPlane start(Path root) {
    Path state = root.resolve("testenv/.state");
    // Marks a control plane that tests started, so tests also stop it; one started by hand stays.
    Path startedByTests = state.resolve("started-by-tests");
    // Attach before looking, so a JVM that is just finishing sees this one and leaves it running.
    Attachments attachments = new Attachments(state);
    attachments.attach();
    boolean node = Node.requested();
    if (!Files.isRegularFile(kubeconfig(root)) || !ready(root) || (node && !nodeReady(root))) {
      // stderr, not stdout: failsafe owns the forked JVM's stdout. The first run is silent for
      // minutes.
      System.err.println(
          "sealwright-testenv: starting the control plane (the first run on a machine builds it"
              + " from source, 5-15 min); progress in "
              + state.resolve("up.out"));
      if (node) {
        Scripts.run(root, "up", "--with-node");
      } else {
        Scripts.run(root, "up");
      }
      attachments.attach(); // a fresh start clears the users folder
      if (!Boolean.getBoolean(KEEP_PROPERTY)) {
        write(startedByTests);
      }
    }
    KubernetesClient admin = client(kubeconfig(root));
    KubernetesClient restricted = client(restrictedKubeconfig(root));
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .unstarted(
                    () -> {
                      admin.close();
                      restricted.close();
                      if (attachments.detachLast() && Files.exists(startedByTests)) {
                        Scripts.run(root, "down");
                      }
                    }));
    return new ControlPlane(root, admin, restricted, node ? new Node(root) : null);
  }

  private static void write(Path file) {
    try {
      Files.writeString(file, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean ready(Path root) {
    try (KubernetesClient probe = client(kubeconfig(root))) {
      return "ok".equals(probe.raw("/readyz"));
    } catch (RuntimeException notReachable) {
      return false;
    }
  }

  /** The node of an earlier {@code up --with-node} is registered and Ready. */
  private static boolean nodeReady(Path root) {
    if (!Files.exists(root.resolve("testenv/.state/with-node"))) {
      return false;
    }
    try (KubernetesClient probe = client(kubeconfig(root))) {
      io.fabric8.kubernetes.api.model.Node found = probe.nodes().withName(Node.NAME).get();
      return found != null
          && found.getStatus().getConditions().stream()
              .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    } catch (RuntimeException notReachable) {
      return false;
    }
  }

  static KubernetesClient client(Path kubeconfig) {
    // Only the given file counts: KUBECONFIG or ~/.kube/config must never point tests elsewhere.
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * The repository root: the {@value #REPO_ROOT_PROPERTY} system property, else the first directory
   * at or above the working directory that holds {@code testenv/up}.
   */
  static Path findRepoRoot() {
    String configured = System.getProperty(REPO_ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path root = Path.of(configured).toAbsolutePath().normalize();
      if (Files.isRegularFile(root.resolve("testenv/up"))) {
        return root;
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testenv/up"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find testenv/up above "
            + Path.of("").toAbsolutePath()
            + "; run the tests inside the Sealwright repository or set -D"
            + REPO_ROOT_PROPERTY
            + "=<repo root>");
  }
}
