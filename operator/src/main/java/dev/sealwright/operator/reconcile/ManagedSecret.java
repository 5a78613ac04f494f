package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one object a SealedSecret owns: a Secret of the same name and namespace. Decides whether an
 * existing Secret is ours and what it should look like. Pure: {@link SecretPlan} decides how to get
 * there and {@link SecretWriter} talks to the API server.
 */
public final class ManagedSecret {
  /** Whose an existing Secret is. */
  public enum Ownership {
    /** Controlled by this very SealedSecret (matched by UID): ours to correct. */
    OURS,
    /** Not ours, but opted in to being taken over by annotation. */
    ADOPTABLE,
    /**
     * Owned by an earlier SealedSecret of the same name, deleted since: the garbage collector is
     * about to remove it, so it is waited for, never taken (a name can be reused by anyone).
     */
    ORPHANED,
    /** Not ours: left alone, reported as a conflict. */
    FOREIGN
  }

  private ManagedSecret() {}

  public static Ownership ownership(Secret existing, SealedSecret ss) {
    List<OwnerReference> refs = existing.getMetadata().getOwnerReferences();
    boolean namesake = false;
    if (refs != null) {
      for (OwnerReference ref : refs) {
        if (ss.getMetadata().getUid() != null
            && ss.getMetadata().getUid().equals(ref.getUid())
            && Boolean.TRUE.equals(ref.getController())) {
          return Ownership.OURS;
        }
        namesake |=
            WireNames.SEALED_SECRET_KIND.equals(ref.getKind())
                && ref.getApiVersion() != null
                && ref.getApiVersion().startsWith(WireNames.API_GROUP + "/")
                && Objects.equals(ref.getName(), ss.getMetadata().getName());
      }
    }
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    if (annotations != null && "true".equals(annotations.get(WireNames.ADOPT_ANNOTATION))) {
      return Ownership.ADOPTABLE;
    }
    return namesake ? Ownership.ORPHANED : Ownership.FOREIGN;
  }

  /**
   * Whether a Secret we own still is exactly what we last wrote for the current spec, which needs
   * no decryption: the spec hash matches and nobody has written it since, that is, its
   * resourceVersion is the one recorded in the status or the one this process last wrote or
   * verified (the status in the cache may lag behind our own write).
   *
   * @param lastSeen the Secret's resourceVersion this process last wrote or verified, or null
   */
  public static boolean upToDate(
      Secret existing, SealedSecret ss, String specHash, String lastSeen) {
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    String version = existing.getMetadata().getResourceVersion();
    String recorded = ss.getStatus() == null ? null : ss.getStatus().getSecretResourceVersion();
    return annotations != null
        && specHash.equals(annotations.get(WireNames.SPEC_HASH_ANNOTATION))
        && version != null
        && (version.equals(recorded) || version.equals(lastSeen));
  }

  /** The Secret the SealedSecret describes, holding {@code values}. */
  public static Secret desired(SealedSecret ss, Map<String, SecretBytes> values, String specHash) {
    SecretTemplate template = ss.getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (template != null && template.getMetadata() != null) {
      if (template.getMetadata().getLabels() != null) {
        labels.putAll(template.getMetadata().getLabels());
      }
      if (template.getMetadata().getAnnotations() != null) {
        annotations.putAll(template.getMetadata().getAnnotations());
      }
    }
    labels.put(WireNames.MANAGED_BY_LABEL, WireNames.MANAGED_BY_VALUE);
    annotations.put(WireNames.SPEC_HASH_ANNOTATION, specHash);
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          byte[] raw = v.toByteArray();
          data.put(k, Base64.getEncoder().encodeToString(raw));
          java.util.Arrays.fill(raw, (byte) 0);
        });
    String type = template == null || template.getType() == null ? "Opaque" : template.getType();
    return new SecretBuilder()
        .withNewMetadata()
        .withName(ss.getMetadata().getName())
        .withNamespace(ss.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(ownerReference(ss))
        .endMetadata()
        .withType(type)
        .withImmutable(template == null ? null : template.getImmutable())
        .withData(data)
        .build();
  }

  static OwnerReference ownerReference(SealedSecret ss) {
    // No blockOwnerDeletion: it would need update rights on sealedsecrets/finalizers for nothing.
    return new OwnerReferenceBuilder()
        .withApiVersion(ss.getApiVersion())
        .withKind(ss.getKind())
        .withName(ss.getMetadata().getName())
        .withUid(ss.getMetadata().getUid())
        .withController(true)
        .build();
  }

  /** Whether {@code actual} has exactly the content, metadata and owner {@code desired} has. */
  public static boolean matches(Secret actual, Secret desired) {
    return Objects.equals(orEmpty(actual.getData()), orEmpty(desired.getData()))
        && orEmpty(actual.getStringData()).isEmpty()
        && Objects.equals(
            orEmpty(actual.getMetadata().getLabels()), desired.getMetadata().getLabels())
        && Objects.equals(
            orEmpty(actual.getMetadata().getAnnotations()), desired.getMetadata().getAnnotations())
        && Objects.equals(actual.getType(), desired.getType())
        && Boolean.TRUE.equals(actual.getImmutable()) == Boolean.TRUE.equals(desired.getImmutable())
        && Objects.equals(
            actual.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences());
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
