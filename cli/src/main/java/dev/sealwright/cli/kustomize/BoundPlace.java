package dev.sealwright.cli.kustomize;

import dev.sealwright.envelope.Scope;
import java.util.Optional;

/**
 * Where a generated object's values are bound, recorded in clear in the annotation {@link
 * #ANNOTATION} so that {@code sealwright kustomize check} can compare it with the object's final
 * name and namespace after kustomize's transformers: {@code namespace/name} for scope strict,
 * {@code namespace} for scope namespace, nothing for scope cluster. It is public information (the
 * object's own name), never a value.
 */
final class BoundPlace {
  static final String ANNOTATION = "sealwright.dev/sealed-for";

  private BoundPlace() {}

  /** The place values of {@code scope} bind for an object at namespace/name. */
  static Optional<String> of(Scope scope, String namespace, String name) {
    return switch (scope) {
      case STRICT -> Optional.of(namespace + "/" + name);
      case NAMESPACE -> Optional.of(namespace);
      case CLUSTER -> Optional.empty();
    };
  }

  /** What a change from {@code sealedFor} to {@code now} means, for the error message. */
  static String describe(Scope scope) {
    return scope == Scope.STRICT ? "namespace and name" : "namespace";
  }
}
