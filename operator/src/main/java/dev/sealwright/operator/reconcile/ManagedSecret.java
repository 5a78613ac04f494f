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
    /**
     * Not ours, but opted in to being taken over: by the adopt annotation on the Secret, or
     * (migration from Bitnami Sealed Secrets) by the adopt-bitnami annotation on the SealedSecret
     * when a Bitnami SealedSecret of the same name controls the Secret.
     */
    ADOPTABLE,
    /**
     * Owned by an earlier SealedSecret of the same name, deleted since: the garbage collector is
     * about to remove it, so it is waited for, never taken (a name can be reused by anyone).
     */
    ORPHANED,
    /**
     * Not ours, but both the SealedSecret and the Secret carry the patch annotation: its items are
     * merged in, everything else on the Secret is left as it is.
     */
    PATCHABLE,
    /** Not ours: left alone, reported as a conflict. */
    FOREIGN
  }

  private ManagedSecret() {}

  public static Ownership ownership(Secret existing, SealedSecret ss) {
    List<OwnerReference> refs = existing.getMetadata().getOwnerReferences();
    boolean namesake = false;
    boolean bitnami = false;
    if (keptFor(existing, ss)) {
      return Ownership.OURS;
    }
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
        bitnami |=
            Boolean.TRUE.equals(ref.getController())
                && WireNames.SEALED_SECRET_KIND.equals(ref.getKind())
                && WireNames.BITNAMI_API_VERSION.equals(ref.getApiVersion())
                && Objects.equals(ref.getName(), ss.getMetadata().getName());
      }
    }
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    // Patching needs the consent of whoever can write the Secret, on the Secret itself; without
    // it the usual rules below apply.
    if (patchRequested(ss)
        && annotations != null
        && "true".equals(annotations.get(WireNames.PATCH_ANNOTATION))) {
      return Ownership.PATCHABLE;
    }
    if (annotations != null && "true".equals(annotations.get(WireNames.ADOPT_ANNOTATION))) {
      return Ownership.ADOPTABLE;
    }
    // Owner references are namespace-local, so the Bitnami object is in this very namespace.
    if (bitnami && annotated(ss, WireNames.ADOPT_BITNAMI_ANNOTATION)) {
      return Ownership.ADOPTABLE;
    }
    return namesake ? Ownership.ORPHANED : Ownership.FOREIGN;
  }

  /** Whether the SealedSecret is labelled for patch mode ({@code sealwright.dev/patch=true}). */
  public static boolean patchRequested(SealedSecret ss) {
    Map<String, String> labels = ss.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(WireNames.PATCH_ANNOTATION));
  }

  /** Whether the SealedSecret's own metadata has {@code annotation: "true"}. */
  public static boolean annotated(SealedSecret ss, String annotation) {
    Map<String, String> annotations = ss.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get(annotation));
  }

  /**
   * A Secret written without an owner reference (keep-secret) for this very SealedSecret: it
   * carries our label and the SealedSecret's UID in the keep-secret annotation.
   */
  private static boolean keptFor(Secret existing, SealedSecret ss) {
    Map<String, String> labels = existing.getMetadata().getLabels();
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    return ss.getMetadata().getUid() != null
        && labels != null
        && WireNames.MANAGED_BY_VALUE.equals(labels.get(WireNames.MANAGED_BY_LABEL))
        && annotations != null
        && ss.getMetadata().getUid().equals(annotations.get(WireNames.KEEP_SECRET_ANNOTATION));
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
    // Without an owner reference the garbage collector leaves the Secret when the SealedSecret
    // goes; the UID in its place is how the operator still knows the Secret is this object's.
    boolean keep = annotated(ss, WireNames.KEEP_SECRET_ANNOTATION);
    if (keep) {
      annotations.put(WireNames.KEEP_SECRET_ANNOTATION, ss.getMetadata().getUid());
    }
    Map<String, String> data = encode(values);
    String type = template == null || template.getType() == null ? "Opaque" : template.getType();
    return new SecretBuilder()
        .withNewMetadata()
        .withName(ss.getMetadata().getName())
        .withNamespace(ss.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(keep ? List.of() : List.of(ownerReference(ss)))
        .endMetadata()
        .withType(type)
        .withImmutable(template == null ? null : template.getImmutable())
        .withData(data)
        .build();
  }

  /**
   * Patch mode: {@code existing} with the SealedSecret's items merged in and the items it wrote
   * before but no longer holds removed; its other items, labels, annotations, type and owners stay.
   * Template labels and annotations are added, as Bitnami's controller does.
   */
  public static Secret patched(Secret existing, SealedSecret ss, Map<String, SecretBytes> values) {
    Map<String, String> data = new java.util.TreeMap<>(orEmpty(existing.getData()));
    patchedItems(existing).forEach(data::remove);
    Map<String, String> ours = encode(values);
    data.putAll(ours);
    Map<String, String> labels =
        new java.util.TreeMap<>(orEmpty(existing.getMetadata().getLabels()));
    Map<String, String> annotations =
        new java.util.TreeMap<>(orEmpty(existing.getMetadata().getAnnotations()));
    SecretTemplate template = ss.getSpec().getTemplate();
    if (template != null && template.getMetadata() != null) {
      labels.putAll(orEmpty(template.getMetadata().getLabels()));
      annotations.putAll(orEmpty(template.getMetadata().getAnnotations()));
    }
    annotations.put(
        WireNames.PATCHED_ITEMS_ANNOTATION,
        String.join(",", new java.util.TreeSet<>(ours.keySet())));
    return new SecretBuilder(existing)
        .editMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withData(data)
        .withStringData(null)
        .build();
  }

  /**
   * A patched Secret without the items the SealedSecret wrote (it is gone), or null when there is
   * nothing to remove.
   */
  public static Secret unpatched(Secret existing) {
    List<String> items = patchedItems(existing);
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(WireNames.PATCHED_ITEMS_ANNOTATION)) {
      return null;
    }
    Map<String, String> data = new java.util.TreeMap<>(orEmpty(existing.getData()));
    items.forEach(data::remove);
    Map<String, String> left = new java.util.TreeMap<>(annotations);
    left.remove(WireNames.PATCHED_ITEMS_ANNOTATION);
    return new SecretBuilder(existing)
        .editMetadata()
        .withAnnotations(left)
        .endMetadata()
        .withData(data)
        .build();
  }

  private static List<String> patchedItems(Secret existing) {
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    String recorded =
        annotations == null ? null : annotations.get(WireNames.PATCHED_ITEMS_ANNOTATION);
    if (recorded == null || recorded.isEmpty()) {
      return List.of();
    }
    return List.of(recorded.split(","));
  }

  private static Map<String, String> encode(Map<String, SecretBytes> values) {
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          byte[] raw = v.toByteArray();
          data.put(k, Base64.getEncoder().encodeToString(raw));
          java.util.Arrays.fill(raw, (byte) 0);
        });
    return data;
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
            orEmpty(actual.getMetadata().getOwnerReferences()),
            orEmpty(desired.getMetadata().getOwnerReferences()));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
