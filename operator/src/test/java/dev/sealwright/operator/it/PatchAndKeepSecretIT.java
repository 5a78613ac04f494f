package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.TIMEOUT;
import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Bitnami behaviours migrating users rely on, against the real API server and garbage
 * collector: patch mode (items merged into a Secret someone else owns, and removed again when the
 * SealedSecret goes) and Secrets that outlive their SealedSecret.
 */
@ExtendWith(KubeTestEnvironment.class)
class PatchAndKeepSecretIT {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A ConfigMap that owns the Secret, standing for the workload that made it. */
  private static ConfigMap owner(KubernetesClient admin, String ns) {
    return admin
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder().withNewMetadata().withName("app-owner").endMetadata().build())
        .create();
  }

  private static Secret foreignSecret(
      KubernetesClient admin, String ns, ConfigMap owner, boolean allowPatch) {
    Map<String, String> annotations = new HashMap<>();
    if (allowPatch) {
      annotations.put(WireNames.PATCH_ANNOTATION, "true");
    }
    return admin
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("app")
                .withLabels(Map.of("team", "web"))
                .withAnnotations(annotations)
                .withOwnerReferences(
                    new OwnerReferenceBuilder()
                        .withApiVersion("v1")
                        .withKind("ConfigMap")
                        .withName(owner.getMetadata().getName())
                        .withUid(owner.getMetadata().getUid())
                        .build())
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of("username", b64("web"), "pw", b64("old")))
                .build())
        .create();
  }

  private static SealedSecret patchMode(SealedSecret ss) {
    ss.getMetadata().setLabels(new HashMap<>(Map.of(WireNames.PATCH_ANNOTATION, "true")));
    return ss;
  }

  @Test
  void patch_mergesItemsKeepsTheRestAndRemovesOnlyItsItemsWhenDeleted(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      ConfigMap owner = owner(admin, ns.name());
      Secret before = foreignSecret(admin, ns.name(), owner, true);

      h.apply(patchMode(h.sealWithCli(ns.name(), "app", Map.of("pw", "s3cret", "token", "t0k"))));
      h.awaitReason(ns.name(), "app", Conditions.UNSEALED);

      Secret patched = h.secret(ns.name(), "app");
      assertThat(decoded(patched, "pw")).isEqualTo("s3cret");
      assertThat(decoded(patched, "token")).isEqualTo("t0k");
      assertThat(decoded(patched, "username")).isEqualTo("web");
      assertThat(patched.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
      assertThat(patched.getMetadata().getLabels()).isEqualTo(Map.of("team", "web"));
      assertThat(patched.getMetadata().getOwnerReferences())
          .isEqualTo(before.getMetadata().getOwnerReferences());
      assertThat(patched.getMetadata().getAnnotations())
          .containsEntry(WireNames.PATCHED_ITEMS_ANNOTATION, "pw,token");
      assertThat(h.get(ns.name(), "app").getMetadata().getFinalizers())
          .containsExactly(WireNames.PATCH_CLEANUP_FINALIZER);

      admin.resources(SealedSecret.class).inNamespace(ns.name()).withName("app").delete();
      Eventually.await(
          "the patch-mode SealedSecret is gone", TIMEOUT, () -> h.get(ns.name(), "app") == null);

      Secret after = h.secret(ns.name(), "app");
      assertThat(after.getData()).isEqualTo(Map.of("username", b64("web")));
      assertThat(after.getMetadata().getAnnotations())
          .isEqualTo(Map.of(WireNames.PATCH_ANNOTATION, "true"));
      assertThat(after.getMetadata().getOwnerReferences())
          .isEqualTo(before.getMetadata().getOwnerReferences());
    }
  }

  @Test
  void patch_secretWithoutConsent_isAConflictAndUntouched(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      Secret before = foreignSecret(admin, ns.name(), owner(admin, ns.name()), false);

      h.apply(patchMode(h.sealWithCli(ns.name(), "app", Map.of("pw", "s3cret"))));
      h.awaitReason(ns.name(), "app", Conditions.SECRET_CONFLICT);

      Secret after = h.secret(ns.name(), "app");
      assertThat(after.getData()).isEqualTo(before.getData());
      assertThat(after.getMetadata().getResourceVersion())
          .isEqualTo(before.getMetadata().getResourceVersion());
    }
  }

  @Test
  void keepSecret_secretHasNoOwnerAndOutlivesTheSealedSecret(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      SealedSecret sealed = h.sealWithCli(ns.name(), "kept", Map.of("pw", "s3cret"));
      sealed.getMetadata().setAnnotations(Map.of(WireNames.KEEP_SECRET_ANNOTATION, "true"));
      SealedSecret applied = h.apply(sealed);
      h.awaitReason(ns.name(), "kept", Conditions.UNSEALED);
      assertThat(h.secret(ns.name(), "kept").getMetadata().getOwnerReferences()).isEmpty();

      OperatorHarness.deleteAndAwaitGarbageCollection(
          admin,
          ns.name(),
          new OwnerReferenceBuilder()
              .withApiVersion(WireNames.API_VERSION)
              .withKind(WireNames.SEALED_SECRET_KIND)
              .withName("kept")
              .withUid(applied.getMetadata().getUid())
              .build(),
          () ->
              admin.resources(SealedSecret.class).inNamespace(ns.name()).withName("kept").delete());

      assertThat(decoded(h.secret(ns.name(), "kept"), "pw")).isEqualTo("s3cret");
    }
  }
}
