package dev.sealwright.operator.reconcile;

import static dev.sealwright.operator.Fixtures.sealedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SealedSecretStatus;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedSecretTest {
  private static final Map<String, SecretBytes> VALUES =
      Map.of("pw", SecretBytes.copyOf("s3cret".getBytes(StandardCharsets.UTF_8)));

  private static SealedSecret withTemplate() {
    SealedSecret ss = sealedSecret("prod", "db", Map.of("pw", "sw1:..."));
    TemplateMetadata meta = new TemplateMetadata();
    meta.setLabels(Map.of("app", "db"));
    meta.setAnnotations(Map.of("owner", "payments"));
    SecretTemplate t = new SecretTemplate();
    t.setMetadata(meta);
    t.setType("kubernetes.io/basic-auth");
    t.setImmutable(true);
    ss.getSpec().setTemplate(t);
    return ss;
  }

  @Test
  void desired_template_copiedWithOwnerAndMarkers() {
    Secret s = ManagedSecret.desired(withTemplate(), VALUES, "h1");

    assertThat(s.getMetadata().getName()).isEqualTo("db");
    assertThat(s.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(s.getMetadata().getLabels())
        .containsEntry("app", "db")
        .containsEntry(WireNames.MANAGED_BY_LABEL, WireNames.MANAGED_BY_VALUE);
    assertThat(s.getMetadata().getAnnotations())
        .containsEntry("owner", "payments")
        .containsEntry(WireNames.SPEC_HASH_ANNOTATION, "h1");
    assertThat(s.getType()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(s.getImmutable()).isTrue();
    assertThat(s.getData().get("pw"))
        .isEqualTo(Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8)));
    var owner = s.getMetadata().getOwnerReferences().getFirst();
    assertThat(owner.getUid()).isEqualTo("uid-db");
    assertThat(owner.getController()).isTrue();
  }

  @Test
  void desired_noTemplate_isOpaque() {
    assertThat(ManagedSecret.desired(sealedSecret("p", "n", Map.of()), VALUES, "h").getType())
        .isEqualTo("Opaque");
  }

  @Test
  void ownership_ownerReferenceToThisObject_isOurs() {
    SealedSecret ss = withTemplate();
    Secret existing = ManagedSecret.desired(ss, VALUES, "h");

    assertThat(ManagedSecret.ownership(existing, ss)).isEqualTo(ManagedSecret.Ownership.OURS);
  }

  @Test
  void ownership_plainSecret_isForeign() {
    Secret existing =
        new SecretBuilder()
            .withNewMetadata()
            .withName("db")
            .withNamespace("prod")
            .endMetadata()
            .build();

    assertThat(ManagedSecret.ownership(existing, withTemplate()))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void ownership_optInAnnotation_isAdoptable() {
    Secret existing =
        new SecretBuilder()
            .withNewMetadata()
            .withName("db")
            .withNamespace("prod")
            .addToAnnotations(WireNames.ADOPT_ANNOTATION, "true")
            .endMetadata()
            .build();

    assertThat(ManagedSecret.ownership(existing, withTemplate()))
        .isEqualTo(ManagedSecret.Ownership.ADOPTABLE);
  }

  @Test
  void matches_dataEdited_isFalse() {
    SealedSecret ss = withTemplate();
    Secret desired = ManagedSecret.desired(ss, VALUES, "h");
    Secret edited = new SecretBuilder(desired).addToData("pw", "ZWRpdGVk").build();

    assertThat(ManagedSecret.matches(desired, desired)).isTrue();
    assertThat(ManagedSecret.matches(edited, desired)).isFalse();
  }

  @Test
  void matches_extraLabelAdded_isFalse() {
    Secret desired = ManagedSecret.desired(withTemplate(), VALUES, "h");
    Secret edited =
        new SecretBuilder(desired).editMetadata().addToLabels("x", "y").endMetadata().build();

    assertThat(ManagedSecret.matches(edited, desired)).isFalse();
  }

  @Test
  void upToDate_hashAndRecordedVersionMatch_isTrue_elseFalse() {
    SealedSecret ss = withTemplate();
    Secret written =
        new SecretBuilder(ManagedSecret.desired(ss, VALUES, "h"))
            .editMetadata()
            .withResourceVersion("10")
            .endMetadata()
            .build();
    SealedSecretStatus status = new SealedSecretStatus();
    status.setSecretResourceVersion("10");
    ss.setStatus(status);

    assertThat(ManagedSecret.upToDate(written, ss, "h", null)).isTrue();
    assertThat(ManagedSecret.upToDate(written, ss, "other-spec", null)).isFalse();
    status.setSecretResourceVersion("9");
    assertThat(ManagedSecret.upToDate(written, ss, "h", null)).isFalse();
    assertThat(ManagedSecret.upToDate(written, ss, "h", "10"))
        .as("the version this process wrote counts while the cached status lags")
        .isTrue();
    assertThat(ManagedSecret.upToDate(written, ss, "other-spec", "10")).isFalse();
  }

  private static Secret ownedBy(OwnerReference ref) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("db")
        .withNamespace("prod")
        .withOwnerReferences(ref)
        .endMetadata()
        .build();
  }

  private static OwnerReferenceBuilder sealedSecretOwner(String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(WireNames.API_VERSION)
        .withKind(WireNames.SEALED_SECRET_KIND)
        .withName("db")
        .withUid(uid)
        .withController(true);
  }

  @Test
  void ownership_ourUidButNotAsController_isNotOurs() {
    SealedSecret ss = withTemplate();
    Secret notController = ownedBy(sealedSecretOwner("uid-db").withController(false).build());
    Secret controllerUnset = ownedBy(sealedSecretOwner("uid-db").withController(null).build());

    assertThat(ManagedSecret.ownership(notController, ss))
        .isNotEqualTo(ManagedSecret.Ownership.OURS);
    assertThat(ManagedSecret.ownership(controllerUnset, ss))
        .isNotEqualTo(ManagedSecret.Ownership.OURS);
  }

  @Test
  void ownership_earlierSealedSecretOfTheSameName_isOrphaned() {
    Secret existing = ownedBy(sealedSecretOwner("uid-deleted-earlier").build());

    assertThat(ManagedSecret.ownership(existing, withTemplate()))
        .isEqualTo(ManagedSecret.Ownership.ORPHANED);
  }

  @Test
  void ownership_ownerOfAnotherKindGroupOrName_isForeign() {
    SealedSecret ss = withTemplate();
    for (OwnerReference ref :
        List.of(
            sealedSecretOwner("uid-x").withKind("Deployment").build(),
            sealedSecretOwner("uid-x").withApiVersion("bitnami.com/v1alpha1").build(),
            sealedSecretOwner("uid-x").withApiVersion("sealwright.devx/v1").build(),
            sealedSecretOwner("uid-x").withApiVersion(null).build(),
            sealedSecretOwner("uid-x").withName("other").build())) {
      assertThat(ManagedSecret.ownership(ownedBy(ref), ss))
          .as("%s %s %s", ref.getApiVersion(), ref.getKind(), ref.getName())
          .isEqualTo(ManagedSecret.Ownership.FOREIGN);
    }
  }

  @Test
  void ownership_neitherObjectHasAUid_isNotOurs() {
    SealedSecret ss = withTemplate();
    ss.getMetadata().setUid(null);
    Secret existing = ownedBy(sealedSecretOwner(null).withKind("ConfigMap").build());

    assertThat(ManagedSecret.ownership(existing, ss)).isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void ownership_adoptAnnotationNotTrue_isForeign() {
    Secret existing =
        new SecretBuilder()
            .withNewMetadata()
            .withName("db")
            .addToAnnotations(WireNames.ADOPT_ANNOTATION, "yes")
            .endMetadata()
            .build();

    assertThat(ManagedSecret.ownership(existing, withTemplate()))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void ownership_metadataWithoutOwnerReferencesOrAnnotations_isForeign() {
    Secret existing = ownedBy(sealedSecretOwner("uid-db").build());
    existing.getMetadata().setOwnerReferences(null);
    existing.getMetadata().setAnnotations(null);

    assertThat(ManagedSecret.ownership(existing, withTemplate()))
        .isEqualTo(ManagedSecret.Ownership.FOREIGN);
  }

  @Test
  void upToDate_noAnnotationsOrNoVersion_isFalse() {
    SealedSecret ss = withTemplate();
    Secret bare =
        new SecretBuilder().withNewMetadata().withResourceVersion("10").endMetadata().build();
    Secret noVersion = ManagedSecret.desired(ss, VALUES, "h");

    assertThat(ManagedSecret.upToDate(bare, ss, "h", "10")).isFalse();
    bare.getMetadata().setAnnotations(null);
    assertThat(ManagedSecret.upToDate(bare, ss, "h", "10")).isFalse();
    assertThat(ManagedSecret.upToDate(noVersion, ss, "h", "10")).isFalse();
  }

  @Test
  void upToDate_noStatusYet_versionThisProcessWroteCounts() {
    SealedSecret ss = withTemplate();
    Secret written =
        new SecretBuilder(ManagedSecret.desired(ss, VALUES, "h"))
            .editMetadata()
            .withResourceVersion("10")
            .endMetadata()
            .build();

    assertThat(ManagedSecret.upToDate(written, ss, "h", "10")).isTrue();
    assertThat(ManagedSecret.upToDate(written, ss, "h", null)).isFalse();
  }

  @Test
  void desired_templateWithoutMetadataLabelsOrType_givesOnlyOurMarkersAndOpaque() {
    SealedSecret noMetadata = sealedSecret("prod", "db", Map.of());
    noMetadata.getSpec().setTemplate(new SecretTemplate());
    SealedSecret emptyMetadata = sealedSecret("prod", "db", Map.of());
    SecretTemplate t = new SecretTemplate();
    t.setMetadata(new TemplateMetadata());
    emptyMetadata.getSpec().setTemplate(t);

    for (SealedSecret ss : List.of(noMetadata, emptyMetadata)) {
      Secret s = ManagedSecret.desired(ss, VALUES, "h");
      assertThat(s.getType()).isEqualTo("Opaque");
      assertThat(s.getMetadata().getLabels()).containsOnlyKeys(WireNames.MANAGED_BY_LABEL);
      assertThat(s.getMetadata().getAnnotations()).containsOnlyKeys(WireNames.SPEC_HASH_ANNOTATION);
    }
  }

  @Test
  void matches_anyOtherDrift_isFalse() {
    Secret desired = ManagedSecret.desired(withTemplate(), VALUES, "h");
    List<Secret> drifted =
        List.of(
            new SecretBuilder(desired).addToStringData("pw", "plain").build(),
            new SecretBuilder(desired)
                .editMetadata()
                .addToAnnotations("note", "edited")
                .endMetadata()
                .build(),
            new SecretBuilder(desired).withType("Opaque").build(),
            new SecretBuilder(desired).withImmutable(false).build(),
            new SecretBuilder(desired)
                .editMetadata()
                .withOwnerReferences(sealedSecretOwner("uid-other").build())
                .endMetadata()
                .build());
    for (int i = 0; i < drifted.size(); i++) {
      assertThat(ManagedSecret.matches(drifted.get(i), desired)).as("drift %d", i).isFalse();
    }
  }

  @Test
  void matches_noDataOnEitherSide_isTrue() {
    Secret desired = ManagedSecret.desired(sealedSecret("prod", "db", Map.of()), Map.of(), "h");
    Secret actual = new SecretBuilder(desired).withData(null).build();

    assertThat(ManagedSecret.matches(actual, desired)).isTrue();
  }
}
