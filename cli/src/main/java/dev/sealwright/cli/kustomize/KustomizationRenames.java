package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.YamlDocuments;
import dev.sealwright.envelope.Scope;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The early half of the rename rule: the kustomization that runs a generator (kustomize's working
 * directory for it) applies its own {@code namePrefix}, {@code nameSuffix} and {@code namespace} to
 * what it generates, so a generator that reads them refuses a rename its values' scope forbids
 * before anything is written. Overlays further up are caught by {@code sealwright kustomize check}.
 */
final class KustomizationRenames {
  private static final List<String> FILE_NAMES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private final CliEnv env;

  KustomizationRenames(CliEnv env) {
    this.env = env;
  }

  void check(SealedSecret sealed) {
    if (sealed.scope() == Scope.CLUSTER) {
      return;
    }
    for (String fileName : FILE_NAMES) {
      if (Files.isRegularFile(env.workingDir().resolve(fileName))) {
        check(sealed, fileName);
        return;
      }
    }
  }

  private void check(SealedSecret sealed, String fileName) {
    List<Object> documents = YamlDocuments.load(Inputs.readText(env, fileName), fileName);
    if (documents.size() != 1 || !(documents.getFirst() instanceof Map<?, ?> kustomization)) {
      return; // kustomize itself reports a malformed kustomization
    }
    String where = "SealedSecret " + sealed.meta().displayName();
    if (sealed.scope() == Scope.STRICT) {
      for (String field : List.of("namePrefix", "nameSuffix")) {
        if (kustomization.get(field) instanceof String s && !s.isEmpty()) {
          throw renamed(where, field + " '" + s + "' in " + fileName, sealed.scope());
        }
      }
    }
    if (kustomization.get("namespace") instanceof String ns
        && !ns.isEmpty()
        && !ns.equals(sealed.meta().namespace())) {
      throw renamed(where, "namespace '" + ns + "' in " + fileName, sealed.scope());
    }
  }

  static CliException renamed(String where, String what, Scope scope) {
    return CliException.failed(
        where
            + ": its values have scope "
            + scope.wireName()
            + ", which binds the "
            + BoundPlace.describe(scope)
            + ", but "
            + what
            + " changes it (the operator would refuse every item)",
        scope == Scope.STRICT
            ? "seal the values with --scope namespace (renames are then allowed), or for the final"
                + " name and namespace; see docs/gitops.md#kustomize"
            : "seal the values for the final namespace, or with --scope cluster; see"
                + " docs/gitops.md#kustomize");
  }
}
