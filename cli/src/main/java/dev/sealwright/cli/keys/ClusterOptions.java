package dev.sealwright.cli.keys;

import dev.sealwright.wire.Defaults;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which cluster and operator namespace a {@code keys} command talks to (through kubectl). */
public final class ClusterOptions {
  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      defaultValue = Defaults.OPERATOR_NAMESPACE,
      description = "The operator's namespace (default ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "The kubeconfig to use (default: KUBECONFIG, then ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context.")
  String context;

  @Option(
      names = "--kubectl",
      paramLabel = "PATH",
      description = "The kubectl to run (default: SEALWRIGHT_KUBECTL, then kubectl on PATH).")
  String kubectl;

  /** kubectl's global flags for these options. */
  List<String> globalArgs() {
    List<String> args = new ArrayList<>();
    if (kubeconfig != null) {
      args.add("--kubeconfig=" + kubeconfig);
    }
    if (context != null) {
      args.add("--context=" + context);
    }
    args.add("--namespace=" + namespace);
    return args;
  }
}
