package dev.sealwright.operator.reconcile;

import static dev.sealwright.operator.Fixtures.sealedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.api.v1.TemplateMetadata;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plans behind migration from Bitnami Sealed Secrets: taking over a Bitnami-controlled Secret,
 * patch mode, and Secrets without an owner reference (keep-secret).
 */
class MigrationPlanTest {
  private static final Map<String, SecretBytes> VALUES =
      Map.of("pw", SecretBytes.copyOf("new".getBytes(StandardCharsets.UTF_8)));
  private static final String PW = b64("new");

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static SealedSecret ss(Map<String, String> annotations, Map<String, String> labels) {
    SealedSecret ss = sealedSecret("prod", "db", Map.of("pw", "sw1:..."));
    ss.getMetadata().setAnnotations(new HashMap<>(annotations));
    ss.getMetadata().setLabels(new HashMap<>(labels));
    return ss;
  }

  private static OwnerReference bitnamiOwner(String name, boolean controller) {
    return new OwnerReferenceBuilder()
        .withApiVersion(WireNames.BITNAMI_API_VERSION)
        .withKind("SealedSecret")
        .withName(name)
        .withUid("uid-bitnami-" + name)
        .withController(controller)
        .build();
  }

  /** A Secret as the Bitnami controller v0.27.1 writes it. */
  private static Secret bitnamiSecret(OwnerReference owner, boolean immutable) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("db")
        .withNamespace("prod")
        .withUid("secret-uid")
        .withResourceVersion("41")
        .withOwnerReferences(owner)
        .withAnnotations(Map.of("sealedsecrets.bitnami.com/managed", "true"))
        .endMetadata()
        .withType("Opaque")
        .withImmutable(immutable ? Boolean.TRUE : null)
        .withData(Map.of("pw", PW))
        .build();
  }

  private static final Map<String, String> ADOPT =
      Map.of(WireNames.ADOPT_BITNAMI_ANNOTATION, "true");

  @Test
  void ownership_bitnamiControlledSecretAndAdoptBitnami_isAdoptable() {
    Secret existing = bitnamiSecret(bitnamiOwner("db", true), false);

    assertThat(ManagedSecret.ownership(existing, ss(ADOPT, Map.of())))
        .isEqualTo(ManagedSecret.Ownership.ADOPTABLE);
  }

  @Test
  void ownership_bitnamiControlledSecretWithoutTheAnnotation_isForeign() {
    Secret existing = bitnamiSecret(bitnamiOwner("db", true), false);

    assertThat(ManagedSecret.ownership(existing, ss(Map.of(), Map.of())))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void ownership_bitnamiOwnerOfAnotherNameOrNotController_isForeign() {
    assertThat(
            ManagedSecret.ownership(
                bitnamiSecret(bitnamiOwner("other", true), false), ss(ADOPT, Map.of())))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
    assertThat(
            ManagedSecret.ownership(
                bitnamiSecret(bitnamiOwner("db", false), false), ss(ADOPT, Map.of())))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void ownership_adoptBitnamiOnAnUnownedSecret_isForeign() {
    // The annotation takes over only what a Bitnami SealedSecret controls, not any Secret.
    Secret unowned =
        new SecretBuilder(bitnamiSecret(bitnamiOwner("db", true), false))
            .editMetadata()
            .withOwnerReferences(List.of())
            .endMetadata()
            .build();

    assertThat(ManagedSecret.ownership(unowned, ss(ADOPT, Map.of())))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void plan_takeover_updatesInPlaceReplacingOwnerAndBitnamiAnnotations() {
    SealedSecret owner = ss(ADOPT, Map.of());
    Secret desired = ManagedSecret.desired(owner, VALUES, "h1");

    SecretPlan plan = SecretPlan.of(bitnamiSecret(bitnamiOwner("db", true), false), desired, owner);

    assertThat(plan).isInstanceOf(SecretPlan.Update.class);
    SecretPlan.Update update = (SecretPlan.Update) plan;
    assertThat(update.eventReason()).isEqualTo(EventReasons.ADOPTED);
    assertThat(update.resourceVersion()).isEqualTo("41");
    assertThat(update.desired().getMetadata().getOwnerReferences())
        .containsExactly(ManagedSecret.ownerReference(owner));
    assertThat(update.desired().getMetadata().getAnnotations())
        .doesNotContainKey("sealedsecrets.bitnami.com/managed");
  }

  @Test
  void plan_takeoverOfImmutableSecretWithSameData_updatesInPlace() {
    SealedSecret owner = ss(ADOPT, Map.of());
    SecretTemplate template = new SecretTemplate();
    template.setImmutable(true);
    owner.getSpec().setTemplate(template);
    Secret desired = ManagedSecret.desired(owner, VALUES, "h1");

    SecretPlan plan = SecretPlan.of(bitnamiSecret(bitnamiOwner("db", true), true), desired, owner);

    assertThat(plan).isInstanceOf(SecretPlan.Update.class);
  }

  @Test
  void plan_immutableSecretWithOtherData_isRecreated() {
    SealedSecret owner = ss(ADOPT, Map.of());
    SecretTemplate template = new SecretTemplate();
    template.setImmutable(true);
    owner.getSpec().setTemplate(template);
    Secret desired = ManagedSecret.desired(owner, VALUES, "h1");
    Secret existing =
        new SecretBuilder(bitnamiSecret(bitnamiOwner("db", true), true))
            .withData(Map.of("pw", b64("old")))
            .build();

    assertThat(SecretPlan.of(existing, desired, owner)).isInstanceOf(SecretPlan.Recreate.class);
  }

  // --- patch mode ---

  private static final Map<String, String> PATCH_LABEL = Map.of(WireNames.PATCH_ANNOTATION, "true");

  private static Secret foreign(Map<String, String> annotations) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("db")
        .withNamespace("prod")
        .withResourceVersion("7")
        .withLabels(Map.of("app", "db"))
        .withAnnotations(annotations)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName("db")
                .withUid("deploy-uid")
                .build())
        .endMetadata()
        .withType("kubernetes.io/basic-auth")
        .withData(Map.of("username", b64("app"), "pw", b64("old")))
        .build();
  }

  @Test
  void ownership_patchLabelButSecretDidNotAllowIt_isForeign() {
    assertThat(ManagedSecret.ownership(foreign(Map.of()), ss(Map.of(), PATCH_LABEL)))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void ownership_patchLabelWithoutConsent_fallsBackToTheUsualRules() {
    Secret orphaned =
        new SecretBuilder(foreign(Map.of()))
            .editMetadata()
            .withOwnerReferences(
                new OwnerReferenceBuilder(ManagedSecret.ownerReference(ss(Map.of(), PATCH_LABEL)))
                    .withUid("uid-of-a-deleted-db")
                    .build())
            .endMetadata()
            .build();

    assertThat(ManagedSecret.ownership(orphaned, ss(Map.of(), PATCH_LABEL)))
        .isEqualTo(ManagedSecret.Ownership.ORPHANED);
    assertThat(
            ManagedSecret.ownership(
                foreign(Map.of(WireNames.ADOPT_ANNOTATION, "true")), ss(Map.of(), PATCH_LABEL)))
        .isEqualTo(ManagedSecret.Ownership.ADOPTABLE);
  }

  @Test
  void ownership_secretAllowsPatchButSealedSecretDidNotAsk_isForeign() {
    assertThat(
            ManagedSecret.ownership(
                foreign(Map.of(WireNames.PATCH_ANNOTATION, "true")), ss(Map.of(), Map.of())))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void patched_mergesItemsAndKeepsEverythingElseOfTheSecret() {
    SealedSecret owner = ss(Map.of(), PATCH_LABEL);
    Secret existing = foreign(Map.of(WireNames.PATCH_ANNOTATION, "true"));
    assertThat(ManagedSecret.ownership(existing, owner))
        .isEqualTo(ManagedSecret.Ownership.PATCHABLE);

    Secret patched = ManagedSecret.patched(existing, owner, VALUES);

    assertThat(patched.getData())
        .containsExactlyInAnyOrderEntriesOf(Map.of("username", b64("app"), "pw", PW));
    assertThat(patched.getType()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(patched.getMetadata().getLabels()).isEqualTo(Map.of("app", "db"));
    assertThat(patched.getMetadata().getOwnerReferences())
        .isEqualTo(existing.getMetadata().getOwnerReferences());
    assertThat(patched.getMetadata().getAnnotations())
        .containsEntry(WireNames.PATCHED_ITEMS_ANNOTATION, "pw")
        .containsEntry(WireNames.PATCH_ANNOTATION, "true");
    SecretPlan plan = SecretPlan.of(existing, patched, owner);
    assertThat(plan).isEqualTo(new SecretPlan.Update(patched, "7", EventReasons.UNSEALED));
    assertThat(SecretPlan.of(patched, ManagedSecret.patched(patched, owner, VALUES), owner))
        .isInstanceOf(SecretPlan.Keep.class);
  }

  @Test
  void patched_itemDroppedFromTheSealedSecret_isRemovedOthersKept() {
    SealedSecret owner = ss(Map.of(), PATCH_LABEL);
    Secret before =
        foreign(
            Map.of(
                WireNames.PATCH_ANNOTATION,
                "true",
                WireNames.PATCHED_ITEMS_ANNOTATION,
                "pw,token"));
    before.getData().put("token", b64("t"));

    Secret patched = ManagedSecret.patched(before, owner, VALUES);

    assertThat(patched.getData()).containsOnlyKeys("username", "pw");
    assertThat(patched.getMetadata().getAnnotations())
        .containsEntry(WireNames.PATCHED_ITEMS_ANNOTATION, "pw");
  }

  @Test
  void unpatched_removesOnlyTheRecordedItemsAndTheRecord() {
    Secret patched =
        ManagedSecret.patched(
            foreign(Map.of(WireNames.PATCH_ANNOTATION, "true")), ss(Map.of(), PATCH_LABEL), VALUES);

    Secret left = ManagedSecret.unpatched(patched);

    assertThat(left.getData()).isEqualTo(Map.of("username", b64("app")));
    assertThat(left.getMetadata().getAnnotations())
        .isEqualTo(Map.of(WireNames.PATCH_ANNOTATION, "true"));
    assertThat(left.getMetadata().getLabels()).isEqualTo(Map.of("app", "db"));
    assertThat(ManagedSecret.unpatched(left)).isNull();
  }

  @Test
  void patched_templateLabelsAndAnnotationsAreAdded() {
    SealedSecret owner = ss(Map.of(), PATCH_LABEL);
    TemplateMetadata meta = new TemplateMetadata();
    meta.setLabels(Map.of("tier", "data"));
    SecretTemplate template = new SecretTemplate();
    template.setMetadata(meta);
    owner.getSpec().setTemplate(template);

    Secret patched =
        ManagedSecret.patched(foreign(Map.of(WireNames.PATCH_ANNOTATION, "true")), owner, VALUES);

    assertThat(patched.getMetadata().getLabels()).isEqualTo(Map.of("app", "db", "tier", "data"));
  }

  // --- keep-secret ---

  private static final Map<String, String> KEEP = Map.of(WireNames.KEEP_SECRET_ANNOTATION, "true");

  @Test
  void desired_keepSecret_hasNoOwnerReferenceAndRecordsTheUid() {
    Secret desired = ManagedSecret.desired(ss(KEEP, Map.of()), VALUES, "h1");

    assertThat(desired.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(desired.getMetadata().getAnnotations())
        .containsEntry(WireNames.KEEP_SECRET_ANNOTATION, "uid-db");
  }

  @Test
  void ownership_keptSecretOfThisSealedSecret_isOurs_ofAnotherUid_isForeign() {
    Secret kept = ManagedSecret.desired(ss(KEEP, Map.of()), VALUES, "h1");
    SealedSecret successor = ss(KEEP, Map.of());
    successor.getMetadata().setUid("uid-of-a-new-db");

    assertThat(ManagedSecret.ownership(kept, ss(KEEP, Map.of())))
        .isEqualTo(ManagedSecret.Ownership.OURS);
    assertThat(ManagedSecret.ownership(kept, successor)).isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void plan_keepSecretAddedToAnOwnedSecret_updatesAwayTheOwnerReference() {
    SealedSecret before = ss(Map.of(), Map.of());
    Secret owned =
        new SecretBuilder(ManagedSecret.desired(before, VALUES, "h1"))
            .editMetadata()
            .withResourceVersion("9")
            .endMetadata()
            .build();
    SealedSecret after = ss(KEEP, Map.of());
    Secret desired = ManagedSecret.desired(after, VALUES, "h1");

    SecretPlan plan = SecretPlan.of(owned, desired, after);

    assertThat(plan).isInstanceOf(SecretPlan.Update.class);
    assertThat(((SecretPlan.Update) plan).desired().getMetadata().getOwnerReferences()).isEmpty();
  }
}
