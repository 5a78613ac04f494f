package dev.sealwright.operator.it;

import dev.sealwright.testenv.KubeTestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Runs the CLI's cluster commands ({@code sealwright keys ...}) against the test environment,
 * through its real kubectl and kubeconfig.
 */
final class ClusterCli {
  private static final int KUBECTL_SECONDS = 120;

  private final Path dir;

  /**
   * @param dir a test's temporary folder, for the kubectl wrapper
   */
  ClusterCli(Path dir) {
    this.dir = dir;
  }

  /** {@code args} followed by the flags that point the CLI at the test cluster and namespace. */
  String[] args(String namespace, String... args) throws IOException {
    Path kubeconfig = KubeTestEnvironment.kubeconfig();
    String kubectl = boundedKubectl(kubeconfig.getParent().resolve("bin/kubectl")).toString();
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--kubeconfig";
    all[args.length + 1] = kubeconfig.toString();
    all[args.length + 2] = "--kubectl";
    all[args.length + 3] = kubectl;
    all[args.length + 4] = "-n";
    all[args.length + 5] = namespace;
    return all;
  }

  /** Runs the CLI with {@link #args}. */
  CliRun run(String namespace, String... args) throws IOException {
    return CliRun.of(args(namespace, args));
  }

  /** {@code sealwright keys backup} of the namespace's keys, encrypted to {@code offline}. */
  CliRun backup(String namespace, dev.sealwright.age.HybridIdentity offline, Path file)
      throws IOException {
    return run(
        namespace,
        "keys",
        "backup",
        "-r",
        offline.publicRecipient().encoded(),
        "-o",
        file.toString());
  }

  /**
   * The CLI waits for kubectl as long as kubectl runs (a user's may prompt for credentials), so the
   * test bounds each kubectl itself: coreutils' timeout kills a hung one, and the command fails
   * with exit 124.
   */
  private Path boundedKubectl(Path kubectl) throws IOException {
    Path wrapper = dir.resolve("kubectl-bounded");
    if (!Files.exists(wrapper)) {
      Files.writeString(
          wrapper,
          "#!/bin/sh\nexec timeout --kill-after=10 "
              + KUBECTL_SECONDS
              + " '"
              + kubectl
              + "' \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    }
    return wrapper;
  }
}
