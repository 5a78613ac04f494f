package dev.sealwright.kubeseal;

import dev.sealwright.envelope.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The RSA-OAEP label kubeseal binds a value to, which is how Sealed Secrets authenticates where a
 * value may be used: {@code namespace/name} (strict), {@code namespace} (namespace-wide) or empty
 * (cluster-wide). Opening with another label fails exactly like opening with the wrong key.
 */
public final class KubesealLabel {
  private final Scope scope;
  private final String text;

  private KubesealLabel(Scope scope, String text) {
    this.scope = scope;
    this.text = text;
  }

  /** kubeseal's default scope, {@code --scope strict}: label {@code namespace/name}. */
  public static KubesealLabel strict(String namespace, String name) {
    return new KubesealLabel(Scope.STRICT, part("namespace", namespace) + "/" + part("name", name));
  }

  /** {@code --scope namespace-wide}: label {@code namespace}. */
  public static KubesealLabel namespaceWide(String namespace) {
    return new KubesealLabel(Scope.NAMESPACE, part("namespace", namespace));
  }

  /** {@code --scope cluster-wide}: the empty label. */
  public static KubesealLabel clusterWide() {
    return new KubesealLabel(Scope.CLUSTER, "");
  }

  /**
   * The label for a Sealwright scope, which maps one-to-one onto kubeseal's scopes; arguments the
   * scope does not use may be null.
   */
  public static KubesealLabel of(Scope scope, String namespace, String name) {
    return switch (Objects.requireNonNull(scope, "scope")) {
      case STRICT -> strict(namespace, name);
      case NAMESPACE -> namespaceWide(namespace);
      case CLUSTER -> clusterWide();
    };
  }

  // A '/' in either part would let "a/b" + "c" collide with "a" + "b/c"; Kubernetes names never
  // contain one, so refusing it loses nothing.
  private static String part(String what, String value) {
    if (value == null || value.isEmpty() || value.indexOf('/') >= 0) {
      throw new IllegalArgumentException(what + " must be a non-empty Kubernetes name without '/'");
    }
    return value;
  }

  public Scope scope() {
    return scope;
  }

  /** The OAEP label bytes, UTF-8 as kubeseal writes them. */
  byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubesealLabel l && scope == l.scope && text.equals(l.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scope, text);
  }

  @Override
  public String toString() {
    return scope.wireName() + " '" + text + "'";
  }
}
