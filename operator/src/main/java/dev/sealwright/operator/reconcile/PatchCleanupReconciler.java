package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;

/**
 * Patch mode's second half: when a SealedSecret labelled {@code sealwright.dev/patch=true} is
 * deleted, removes the items it wrote (listed in the Secret's {@code sealwright.dev/patched-items})
 * from the Secret it patched, and nothing else. A controller of its own, registered with that label
 * selector and the {@link WireNames#PATCH_CLEANUP_FINALIZER} finalizer, so only patch-mode objects
 * carry a finalizer and only they are cached twice; {@link SealedSecretReconciler} does the
 * writing.
 */
@ControllerConfiguration(name = PatchCleanupReconciler.NAME)
public final class PatchCleanupReconciler
    implements Reconciler<SealedSecret>, Cleaner<SealedSecret> {
  public static final String NAME = "sealedsecret-patch-cleanup";

  private final KubernetesClient client;

  public PatchCleanupReconciler(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public UpdateControl<SealedSecret> reconcile(SealedSecret ss, Context<SealedSecret> context) {
    return UpdateControl.noUpdate(); // the framework adds the finalizer before calling this
  }

  @Override
  public DeleteControl cleanup(SealedSecret ss, Context<SealedSecret> context) {
    String namespace = ss.getMetadata().getNamespace();
    String name = ss.getMetadata().getName();
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null || !patchedBy(secret)) {
      return DeleteControl.defaultDelete();
    }
    Secret left = ManagedSecret.unpatched(secret);
    if (left != null) {
      try {
        // Pinned to the version read: a concurrent write fails and the cleanup runs again.
        client.secrets().inNamespace(namespace).resource(left).update();
      } catch (KubernetesClientException e) {
        throw new SecretWriteException(
            "could not remove the patched items from Secret "
                + namespace
                + "/"
                + name
                + ": HTTP "
                + e.getCode());
      }
    }
    return DeleteControl.defaultDelete();
  }

  /** Only a Secret that still allows patching and records our items is touched. */
  private static boolean patchedBy(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations != null
        && "true".equals(annotations.get(WireNames.PATCH_ANNOTATION))
        && annotations.containsKey(WireNames.PATCHED_ITEMS_ANNOTATION);
  }
}
