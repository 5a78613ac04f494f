package dev.sealwright.testenv;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The test environment's one node, started by {@code testenv/up --with-node} when the test JVM has
 * {@code -D}{@value #PROPERTY}{@code =true} (see {@link NeedsNode}). Nothing is pulled from a
 * registry: pods use images loaded into the node's containerd, with {@code imagePullPolicy: Never}.
 */
public final class Node {
  /** The system property that opts a test JVM into the node. */
  public static final String PROPERTY = "sealwright.node";

  /** The JUnit tag of node ITs: the build leaves them out unless {@link #PROPERTY} is true. */
  public static final String TAG = "node";

  /** The node's name, as registered by its kubelet. */
  public static final String NAME = "testenv-node";

  private final Path repoRoot;
  private final Properties images;

  Node(Path repoRoot) {
    this.repoRoot = repoRoot;
    this.images = new Properties();
    Path file = repoRoot.resolve("testenv/.state/node/images");
    try (Reader reader = Files.newBufferedReader(file)) {
      images.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("the node's image list is missing: " + file, e);
    }
  }

  static boolean requested() {
    return Boolean.getBoolean(PROPERTY);
  }

  /** The name of the node's pause image, built from Kubernetes' source (pod sandboxes use it). */
  public String pauseImage() {
    return image("pause");
  }

  /**
   * The name of the test application image (source: {@code testenv/images/show/show.c}): run with
   * arguments {@code NAME PATH}, it logs {@code env NAME=<value>} and {@code file PATH=<content>}
   * as two lines, then waits until it is stopped.
   */
  public String showImage() {
    return image("show");
  }

  /**
   * Imports an OCI image archive (an oci-layout tar) into the node's containerd under the name its
   * index gives it, for pods with {@code imagePullPolicy: Never}.
   */
  public void loadImage(Path archive) {
    Scripts.run(repoRoot, "load-image", archive.toAbsolutePath().toString());
  }

  private String image(String key) {
    String name = images.getProperty(key);
    if (name == null) {
      throw new IllegalStateException("no " + key + " image in testenv/.state/node/images");
    }
    return name;
  }

  /**
   * A container named {@code main} that passes the restricted Pod Security profile (non-root, no
   * privilege escalation, read-only root, all capabilities dropped, RuntimeDefault seccomp) and
   * runs a local image only.
   */
  public static ContainerBuilder restrictedContainer(String image) {
    return new ContainerBuilder()
        .withName("main")
        .withImage(image)
        .withImagePullPolicy("Never")
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .addToDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext();
  }
}
