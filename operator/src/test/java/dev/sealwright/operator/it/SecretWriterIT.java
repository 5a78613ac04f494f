package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.operator.Fixtures;
import dev.sealwright.operator.reconcile.EventReasons;
import dev.sealwright.operator.reconcile.ManagedSecret;
import dev.sealwright.operator.reconcile.SecretWriter;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SecretWriter} against a real API server, for the cases a pure plan cannot show: a create
 * that races a Secret outside the cache, and a recreate that must never leave the name empty.
 */
@ExtendWith(KubeTestEnvironment.class)
class SecretWriterIT {

  private static SealedSecret owner(KubernetesClient admin, String ns, String name) {
    OperatorHarness.installCrd(admin);
    // A real object, so its UID is real and the garbage collector leaves its Secret alone.
    return admin
        .resource(Fixtures.sealedSecretForApply(ns, name, Map.of("pw", "sw1:unused")))
        .create();
  }

  private static Secret desired(SealedSecret owner, String value, String type) {
    if (type != null) {
      SecretTemplate t = new SecretTemplate();
      t.setType(type);
      owner.getSpec().setTemplate(t);
    }
    return ManagedSecret.desired(
        owner,
        Map.of("pw", SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8))),
        // A spec hash per value: a new value is a new spec, not a revert.
        "spec-of-" + value);
  }

  @Test
  void create_nameTakenByOurOwnSecretOutsideTheCache_updatesIt(
      KubernetesClient admin, TestNamespace ns) {
    SealedSecret owner = owner(admin, ns.name(), "db");
    SecretWriter writer = new SecretWriter(admin);
    writer.write(owner, null, desired(owner, "one", null));

    // The caller saw no Secret (a cache miss), yet one exists: the writer reads it and plans again.
    SecretWriter.Result result = writer.write(owner, null, desired(owner, "two", null));

    assertThat(result).isInstanceOf(SecretWriter.Result.Written.class);
    assertThat(((SecretWriter.Result.Written) result).eventReason())
        .isEqualTo(EventReasons.UNSEALED);
    assertThat(
            OperatorHarness.decoded(
                admin.secrets().inNamespace(ns.name()).withName("db").get(), "pw"))
        .isEqualTo("two");
  }

  @Test
  void create_nameTakenByForeignSecret_conflictAndUntouched(
      KubernetesClient admin, TestNamespace ns) {
    SealedSecret owner = owner(admin, ns.name(), "db");
    Secret foreign =
        admin
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("db")
                    .withNamespace(ns.name())
                    .endMetadata()
                    .addToStringData("pw", "theirs")
                    .build())
            .create();

    SecretWriter.Result result =
        new SecretWriter(admin).write(owner, null, desired(owner, "ours", null));

    assertThat(result).isEqualTo(new SecretWriter.Result.Conflict(false));
    Secret after = admin.secrets().inNamespace(ns.name()).withName("db").get();
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
  }

  @Test
  void create_nameTakenByAdoptableSecret_adopted(KubernetesClient admin, TestNamespace ns) {
    SealedSecret owner = owner(admin, ns.name(), "db");
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(ns.name())
                .addToAnnotations(WireNames.ADOPT_ANNOTATION, "true")
                .endMetadata()
                .addToStringData("pw", "old")
                .build())
        .create();

    SecretWriter.Result result =
        new SecretWriter(admin).write(owner, null, desired(owner, "new", null));

    assertThat(((SecretWriter.Result.Written) result).eventReason())
        .isEqualTo(EventReasons.ADOPTED);
    Secret after = admin.secrets().inNamespace(ns.name()).withName("db").get();
    assertThat(after.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo(owner.getMetadata().getUid()));
  }

  @Test
  void recreate_typeChange_newObjectSameName(KubernetesClient admin, TestNamespace ns) {
    SealedSecret owner = owner(admin, ns.name(), "db");
    SecretWriter writer = new SecretWriter(admin);
    Secret first =
        ((SecretWriter.Result.Written) writer.write(owner, null, desired(owner, "v", null)))
            .secret();

    Secret basicAuth =
        new SecretBuilder(desired(owner, "v", "kubernetes.io/basic-auth"))
            .addToData("username", "dXNlcg==")
            .build();
    SecretWriter.Result result = writer.write(owner, first, basicAuth);

    Secret after = ((SecretWriter.Result.Written) result).secret();
    assertThat(after.getType()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(after.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
  }

  @Test
  void recreate_refusedByTheServer_oldSecretKept(KubernetesClient admin, TestNamespace ns) {
    SealedSecret owner = owner(admin, ns.name(), "tls");
    SecretWriter writer = new SecretWriter(admin);
    Secret first =
        ((SecretWriter.Result.Written) writer.write(owner, null, desired(owner, "v", null)))
            .secret();

    // kubernetes.io/tls needs tls.crt and tls.key: the API server refuses this Secret.
    SecretWriter.Result result =
        writer.write(owner, first, desired(owner, "v", "kubernetes.io/tls"));

    assertThat(result).isEqualTo(new SecretWriter.Result.Refused(422));
    Secret after = admin.secrets().inNamespace(ns.name()).withName("tls").get();
    assertThat(after.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
    assertThat(after.getType()).isEqualTo("Opaque");
  }

  @Test
  void recreate_secretChangedSinceRead_notDeleted(KubernetesClient admin, TestNamespace ns) {
    SealedSecret owner = owner(admin, ns.name(), "db");
    SecretWriter writer = new SecretWriter(admin);
    Secret seen =
        ((SecretWriter.Result.Written) writer.write(owner, null, desired(owner, "v", null)))
            .secret();
    Secret changed =
        admin
            .secrets()
            .inNamespace(ns.name())
            .withName("db")
            .edit(s -> new SecretBuilder(s).addToData("extra", "eA==").build());

    Secret basicAuth =
        new SecretBuilder(desired(owner, "v", "kubernetes.io/basic-auth"))
            .addToData("username", "dXNlcg==")
            .build();
    assertThatThrownBy(() -> writer.write(owner, seen, basicAuth)).hasMessageContaining("HTTP 409");

    Secret after = admin.secrets().inNamespace(ns.name()).withName("db").get();
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(changed.getMetadata().getResourceVersion());
  }
}
