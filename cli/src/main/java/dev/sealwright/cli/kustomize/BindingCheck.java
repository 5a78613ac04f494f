package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The late half of the rename rule ({@code sealwright kustomize check}, listed last under {@code
 * transformers:}): after every transformer of the overlay has run, each generated SealedSecret's
 * namespace and name must still be the place its values were sealed for ({@link BoundPlace});
 * otherwise the operator would refuse the object, so the build fails naming each one.
 */
final class BindingCheck {
  static final String KIND = "SealedSecretBindingCheck";
  private static final int MAX_LISTED = 10;

  private BindingCheck() {}

  static void check(List<Map<String, Object>> resources) {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> resource : resources) {
      problem(resource).ifPresent(problems::add);
    }
    if (problems.isEmpty()) {
      return;
    }
    String listed = String.join("; ", problems.subList(0, Math.min(MAX_LISTED, problems.size())));
    String more =
        problems.size() > MAX_LISTED ? " (and " + (problems.size() - MAX_LISTED) + " more)" : "";
    throw CliException.failed(
        problems.size()
            + " SealedSecret(s) renamed after sealing, which the operator would refuse: "
            + listed
            + more,
        "keep namePrefix, nameSuffix and namespace away from them, or seal the values with a"
            + " scope that allows the change (--scope namespace allows renames); see"
            + " docs/gitops.md#kustomize");
  }

  private static Optional<String> problem(Map<String, Object> resource) {
    if (!SealedSecret.KIND.equals(resource.get("kind"))
        || !SealedSecret.API_VERSION.equals(resource.get("apiVersion"))
        || !(resource.get("metadata") instanceof Map<?, ?> meta)
        || !(meta.get("annotations") instanceof Map<?, ?> annotations)
        || !(annotations.get(BoundPlace.ANNOTATION) instanceof String sealedFor)
        || !(resource.get("spec") instanceof Map<?, ?> spec)) {
      return Optional.empty();
    }
    Scope scope = Scope.fromWireName(String.valueOf(spec.get("scope")));
    String namespace = meta.get("namespace") instanceof String ns ? ns : null;
    String name = String.valueOf(meta.get("name"));
    Optional<String> now = scope == null ? Optional.empty() : BoundPlace.of(scope, namespace, name);
    if (now.isPresent() && now.get().equals(sealedFor)) {
      return Optional.empty();
    }
    String shown = namespace == null ? name : namespace + "/" + name;
    return Optional.of(
        shown
            + " has values of scope "
            + spec.get("scope")
            + " sealed for "
            + sealedFor
            + ", now "
            + now.orElse("(no place)"));
  }
}
