package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.api.v1.TemplateMetadata;
import dev.sealwright.errors.Bounded;
import dev.sealwright.wire.WireNames;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a SealedSecret's template may ask for. A tenant who can create SealedSecrets must not be
 * able to make a Secret that the operator or the cluster treats as something else: a cluster key
 * (labels {@code sealwright.dev/*}), a Secret another object owns (the adopt annotation), or a
 * ServiceAccount token or bootstrap token (the Secret types the cluster acts on). Pure.
 */
public final class TemplatePolicy {
  /** The Secret types a template may set; the types Kubernetes gives powers to are not here. */
  public static final Set<String> ALLOWED_TYPES =
      Set.of(
          "Opaque",
          "kubernetes.io/basic-auth",
          "kubernetes.io/ssh-auth",
          "kubernetes.io/tls",
          "kubernetes.io/dockercfg",
          "kubernetes.io/dockerconfigjson");

  private TemplatePolicy() {}

  /** Why the template is refused, naming the field; empty if it is allowed. */
  public static Optional<String> refusal(SealedSecret ss) {
    SecretTemplate template = ss.getSpec().getTemplate();
    if (template == null) {
      return Optional.empty();
    }
    TemplateMetadata meta = template.getMetadata();
    if (meta != null) {
      Optional<String> bad = reserved("labels", meta.getLabels());
      if (bad.isEmpty()) {
        bad = reserved("annotations", meta.getAnnotations());
      }
      if (bad.isPresent()) {
        return bad;
      }
    }
    String type = template.getType();
    if (type != null && !ALLOWED_TYPES.contains(type)) {
      return Optional.of(
          "spec.template.type '"
              + Bounded.text(type, 64)
              + "' is not allowed; use one of "
              + new TreeSet<>(ALLOWED_TYPES));
    }
    return Optional.empty();
  }

  private static Optional<String> reserved(String field, Map<String, String> keys) {
    if (keys == null) {
      return Optional.empty();
    }
    return keys.keySet().stream()
        .filter(WireNames::reserved)
        .sorted()
        .findFirst()
        .map(
            k ->
                "spec.template.metadata."
                    + field
                    + "["
                    + Bounded.text(k, 80)
                    + "] is reserved: keys under "
                    + WireNames.RESERVED_PREFIX
                    + " belong to the operator; remove it");
  }
}
