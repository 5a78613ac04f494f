package dev.sealwright.cli.values;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.command.SealOptions;
import dev.sealwright.cli.config.RepoConfig;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Scope;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The binding of a values file's envelopes: scope, namespace, name and service account, always from
 * the command line (or the scope of the {@code .sealwright.yaml} rule when sealing), never from the
 * file itself, so a planted file cannot choose where its values open.
 */
public final class ValuesBinding {
  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description =
          "strict (namespace and name), namespace, or cluster. Default: the .sealwright.yaml rule"
              + " (seal, edit), else strict.")
  String scope;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "The namespace the SealedSecret of these values lives in.")
  String namespace;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The SealedSecret's name (scope strict binds it).")
  String name;

  @Option(
      names = "--service-account",
      paramLabel = "NAME",
      description = "Also bind the values to this service account.")
  String serviceAccount;

  /**
   * The scope of the {@code .sealwright.yaml} rule for {@code target}, for commands that open
   * values the user sealed here ({@code edit}); {@code unseal} does not use it, because the Helm
   * plugin runs it inside chart repositories whose files are not to be trusted.
   */
  static Optional<Scope> configuredScope(CliEnv env, Path target) {
    return RepoConfig.find(env).flatMap(c -> c.match(target)).map(RepoConfig.Match::scope);
  }

  /**
   * A SealedSecret without items that carries the binding: sealing and opening a leaf go through
   * the same {@code Items} helpers as {@code sealwright seal}, with their errors and hints.
   */
  SealedSecret shell(Optional<Scope> configured) {
    Scope chosen = scope != null ? SealOptions.parseScope(scope) : configured.orElse(Scope.STRICT);
    return new SealedSecret(
        ObjectMeta.named(name, namespace),
        chosen,
        serviceAccount,
        new TreeMap<>(),
        new SealedSecret.Template(new TreeMap<>(), new TreeMap<>(), null, null));
  }
}
