package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.SealedSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * Carries out a {@link SecretPlan}: the only code that creates, updates or deletes a generated
 * Secret. A create that finds the name taken (a Secret outside the cache) reads it and plans once
 * more; every other conflict is left to the framework's retry.
 */
public final class SecretWriter {
  /** What the write did. */
  public sealed interface Result {
    /**
     * @param created whether the Secret is a new object (created or recreated)
     * @param eventReason one of {@link EventReasons}, or null when nothing was written
     */
    record Written(Secret secret, boolean created, String eventReason, Secret previous)
        implements Result {}

    /** The Secret already matched. */
    record Unchanged(Secret secret) implements Result {}

    /** The Secret is not ours; see {@link SecretPlan.Conflict}. */
    record Conflict(boolean orphaned) implements Result {}

    /** The API server refused the new Secret in a dry run; the existing one was kept. */
    record Refused(int code) implements Result {}
  }

  private final KubernetesClient client;

  public SecretWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param existing the Secret of the owner's name as last seen, or null if none was seen
   */
  public Result write(SealedSecret owner, Secret existing, Secret desired) {
    try {
      return apply(SecretPlan.of(existing, desired, owner), existing);
    } catch (NameTaken e) {
      Secret current = secrets(desired).withName(name(desired)).get();
      SecretPlan again = current == null ? null : SecretPlan.of(current, desired, owner);
      if (again == null || again instanceof SecretPlan.Create) {
        throw new SecretWriteException("Secret " + name(desired) + " vanished; retrying");
      }
      if (ManagedSecret.ownership(current, owner) == ManagedSecret.Ownership.PATCHABLE) {
        // desired was made for a new Secret; a patch must start from this one.
        throw new SecretWriteException("Secret " + name(desired) + " appeared; retrying");
      }
      return apply(again, current);
    }
  }

  private Result apply(SecretPlan plan, Secret existing) {
    return switch (plan) {
      case SecretPlan.Keep k -> new Result.Unchanged(k.existing());
      case SecretPlan.Conflict c -> new Result.Conflict(c.orphaned());
      case SecretPlan.Create c ->
          new Result.Written(create(c.desired()), true, EventReasons.UNSEALED, null);
      case SecretPlan.Update u ->
          new Result.Written(update(u, existing), false, u.eventReason(), existing);
      case SecretPlan.Recreate r -> recreate(r, existing);
    };
  }

  private Secret create(Secret desired) {
    try {
      return secrets(desired).resource(desired).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new NameTaken();
      }
      throw failed("create", desired, e);
    }
  }

  private Secret update(SecretPlan.Update u, Secret existing) {
    Secret update = new SecretBuilder(u.desired()).build();
    update.getMetadata().setResourceVersion(u.resourceVersion());
    // Finalizers belong to whoever set them, not to the spec.
    update.getMetadata().setFinalizers(existing.getMetadata().getFinalizers());
    try {
      return secrets(update).resource(update).update();
    } catch (KubernetesClientException e) {
      throw failed("update", update, e);
    }
  }

  private Result recreate(SecretPlan.Recreate r, Secret existing) {
    Secret desired = r.desired();
    Secret probe =
        new SecretBuilder(desired)
            .editMetadata()
            .withName(null)
            .withGenerateName(name(desired) + "-")
            .endMetadata()
            .build();
    try {
      secrets(desired).resource(probe).dryRun().create();
    } catch (KubernetesClientException e) {
      if (e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != 409 && e.getCode() != 429) {
        return new Result.Refused(e.getCode());
      }
      throw failed("validate", desired, e);
    }
    Resource<Secret> old = secrets(desired).withName(name(desired));
    try {
      // The precondition pins the exact version seen: a resourceVersion is an etcd revision,
      // unique across objects, so it also pins the UID (fabric8 sends it as
      // DeleteOptions.preconditions.resourceVersion). A Secret changed since is not deleted.
      if (!r.uid().equals(existing.getMetadata().getUid())) {
        throw new SecretWriteException("Secret " + name(desired) + " changed; retrying");
      }
      old.lockResourceVersion(r.resourceVersion()).delete();
    } catch (KubernetesClientException e) {
      throw failed("delete", desired, e);
    }
    try {
      return new Result.Written(
          secrets(desired).resource(desired).create(), true, r.eventReason(), existing);
    } catch (KubernetesClientException e) {
      // Validated a moment ago; a 409 means the old one is still finalizing. Retried.
      throw failed("create", desired, e);
    }
  }

  private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets(Secret s) {
    return client.secrets().inNamespace(s.getMetadata().getNamespace());
  }

  private static String name(Secret s) {
    return s.getMetadata().getName();
  }

  private static SecretWriteException failed(String verb, Secret s, KubernetesClientException e) {
    // The server's message is not repeated: it may quote the object.
    return new SecretWriteException(
        "could not "
            + verb
            + " Secret "
            + s.getMetadata().getNamespace()
            + "/"
            + name(s)
            + ": HTTP "
            + e.getCode());
  }

  /** A create found the name taken by a Secret that was not in the cache. */
  private static final class NameTaken extends RuntimeException {
    NameTaken() {
      super("the Secret already exists", null, false, false);
    }
  }
}
