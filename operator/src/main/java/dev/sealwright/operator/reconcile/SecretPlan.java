package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Objects;

/**
 * How to get from the Secret that exists to the one a SealedSecret describes. Pure: every case of
 * ownership (ours, adoptable, patchable, orphaned, foreign) and shape (missing, equal, changed,
 * type change, immutable) maps to one action here; {@link SecretWriter} carries it out.
 */
public sealed interface SecretPlan {

  /** Nothing to write: the Secret already is the desired one. */
  record Keep(Secret existing) implements SecretPlan {}

  /** No Secret exists: create it. */
  record Create(Secret desired) implements SecretPlan {}

  /**
   * Update in place at the resourceVersion seen, so a concurrent write fails instead of being lost.
   *
   * @param eventReason one of {@link EventReasons}
   */
  record Update(Secret desired, String resourceVersion, String eventReason) implements SecretPlan {}

  /**
   * Kubernetes forbids the update (the type changes or the Secret is immutable): delete exactly the
   * version seen, then create. The new Secret is validated by a dry run first, so a refused create
   * never leaves the name empty.
   */
  record Recreate(Secret desired, String uid, String resourceVersion, String eventReason)
      implements SecretPlan {}

  /**
   * Not ours to write.
   *
   * @param orphaned owned by a deleted SealedSecret of this name: the garbage collector will remove
   *     it soon, so look again sooner than for a truly foreign Secret
   */
  record Conflict(boolean orphaned) implements SecretPlan {}

  /**
   * @param existing the Secret of that name, or null if there is none
   * @param desired from {@link ManagedSecret#desired}
   */
  static SecretPlan of(Secret existing, Secret desired, SealedSecret owner) {
    if (existing == null) {
      return new Create(desired);
    }
    ManagedSecret.Ownership ownership = ManagedSecret.ownership(existing, owner);
    switch (ownership) {
      case FOREIGN -> {
        return new Conflict(false);
      }
      case ORPHANED -> {
        return new Conflict(true);
      }
      case OURS, ADOPTABLE, PATCHABLE -> {}
    }
    if (ManagedSecret.matches(existing, desired)) {
      return new Keep(existing);
    }
    String reason =
        ownership == ManagedSecret.Ownership.ADOPTABLE
            ? EventReasons.ADOPTED
            : Objects.equals(specHash(existing), specHash(desired))
                ? EventReasons.REVERTED
                : EventReasons.UNSEALED;
    String version = existing.getMetadata().getResourceVersion();
    if (ownership == ManagedSecret.Ownership.PATCHABLE) {
      // Never recreated: the Secret is someone else's object; only its items change.
      return new Update(desired, version, EventReasons.UNSEALED);
    }
    boolean recreate =
        !Objects.equals(existing.getType(), desired.getType())
            || Boolean.TRUE.equals(existing.getImmutable()) && !metadataOnly(existing, desired);
    return recreate
        ? new Recreate(desired, existing.getMetadata().getUid(), version, reason)
        : new Update(desired, version, reason);
  }

  /**
   * Whether an immutable Secret can still be updated in place: Kubernetes lets its metadata change
   * (a takeover replaces only labels, annotations and owner), not its data or immutability.
   */
  private static boolean metadataOnly(Secret existing, Secret desired) {
    return Boolean.TRUE.equals(desired.getImmutable())
        && Objects.equals(orEmpty(existing.getData()), orEmpty(desired.getData()))
        && orEmpty(existing.getStringData()).isEmpty();
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static String specHash(Secret s) {
    Map<String, String> annotations = s.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(WireNames.SPEC_HASH_ANNOTATION);
  }
}
