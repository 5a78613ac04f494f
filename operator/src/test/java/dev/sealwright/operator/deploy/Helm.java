package dev.sealwright.operator.deploy;

import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.wire.Defaults;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Helm CLI (built from its Go module into the test peers cache by testpeers/fetch-gitops,
 * never committed) run on the chart in deploy/helm. The chart is the one source of the install; the
 * plain manifests are its {@code helm template} output, and tests read objects only as Helm renders
 * them.
 */
public final class Helm {
  public static final String VERSION = "v4.3.2";

  /** The release name the plain manifests are rendered with. */
  public static final String RELEASE = "sealwright";

  /** Template and lint take a second; install, upgrade and uninstall wait for nothing. */
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private Helm() {}

  /** The repository root: -Dsealwright.repo.root (failsafe sets it), else the module's parent. */
  public static Path repoRoot() {
    String configured = System.getProperty("sealwright.repo.root");
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.dir")).getParent();
  }

  public static Path chart() {
    return repoRoot().resolve("deploy/helm/sealwright-operator");
  }

  /**
   * A copy of the example chart examples/helm/app in {@code dir}, its dependency on the library
   * chart deploy/helm/sealwright-values resolved by the real {@code helm dependency build}.
   */
  public static Path valuesExampleChart(Path dir) {
    Path from = repoRoot().resolve("examples/helm/app");
    Path to = dir.resolve("app");
    try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("Chart.lock")) {
          Files.copy(p, target);
        }
      }
      Path chartYaml = to.resolve("Chart.yaml");
      Files.writeString(
          chartYaml,
          Files.readString(chartYaml)
              .replace(
                  "file://../../../deploy/helm/sealwright-values",
                  "file://" + repoRoot().resolve("deploy/helm/sealwright-values")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    run(List.of("dependency", "build", to.toString()));
    return to;
  }

  static Path binary() {
    String configured = System.getProperty("sealwright.peers.dir");
    Path peers =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".cache", "sealwright-peers");
    Path helm = peers.resolve("bin/helm-" + VERSION);
    if (!Files.isExecutable(helm)) {
      throw new IllegalStateException(
          helm
              + " is missing: run `bash testpeers/fetch-gitops` (the Maven build does it in"
              + " generate-test-resources)");
    }
    return helm;
  }

  /**
   * {@code helm template} of the chart for release {@value #RELEASE} in {@code namespace}, with
   * {@code --set} arguments (each "key=value"); the chart's values.yaml gives every other value.
   */
  public static String template(String namespace, String... sets) {
    List<String> args = new ArrayList<>(List.of("template", RELEASE, chart().toString()));
    args.addAll(List.of("--namespace", namespace));
    for (String set : sets) {
      args.addAll(List.of("--set", set));
    }
    return run(args);
  }

  /** The objects {@link #template} renders, parsed by fabric8. */
  public static List<HasMetadata> objects(String namespace, String... sets) {
    return parse(template(namespace, sets));
  }

  /** The objects of a YAML stream of one or more documents, as fabric8 reads them. */
  public static List<HasMetadata> parse(String yaml) {
    Object parsed =
        Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    return switch (parsed) {
      case KubernetesList list -> list.getItems();
      case List<?> list -> list.stream().map(HasMetadata.class::cast).toList();
      case HasMetadata one -> List.of(one);
      default -> throw new IllegalStateException("not Kubernetes objects: " + parsed);
    };
  }

  /** The install as deploy/manifests has it: default values, namespace {@code sealwright}. */
  public static List<HasMetadata> defaultObjects() {
    return objects(Defaults.OPERATOR_NAMESPACE);
  }

  /** {@code helm lint --strict}: warnings fail too. Returns Helm's report. */
  static String lintStrict() {
    return run(List.of("lint", "--strict", chart().toString()));
  }

  /**
   * Runs Helm with its home folders in target/, so it neither reads nor writes the user's, and
   * without KUBECONFIG: a command that talks to a cluster names it with --kubeconfig.
   */
  public static String run(List<String> args) {
    return run(args, Map.of());
  }

  /** {@link #run(List)} with {@code env} set on top (for example another HELM_DATA_HOME). */
  public static String run(List<String> args, Map<String, String> env) {
    return run(args, env, null);
  }

  /** {@link #run(List, Map)} in {@code workDir} (null: this JVM's working directory). */
  public static String run(List<String> args, Map<String, String> env, Path workDir) {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(args);
    Path home = Path.of(System.getProperty("user.dir"), "target", "helm-home");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
    pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
    pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
    pb.environment().remove("KUBECONFIG");
    pb.environment().putAll(env);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    ChildProcesses.Result r = ChildProcesses.run(pb, null, TIMEOUT);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "helm " + args + " exited " + r.exitCode() + ":\n" + r.stdout() + r.stderr());
    }
    return r.stdout();
  }
}
