package dev.sealwright.operator.reconcile;

import static dev.sealwright.operator.Fixtures.sealedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ownership against every shape of the existing Secret, one row each. */
class SecretPlanTest {
  private static final SealedSecret OWNER = sealedSecret("prod", "db", Map.of("pw", "sw1:..."));
  private static final Secret DESIRED =
      ManagedSecret.desired(
          OWNER, Map.of("pw", SecretBytes.copyOf("new".getBytes(StandardCharsets.UTF_8))), "h2");

  enum Owner {
    OURS,
    ADOPTABLE,
    ORPHANED,
    FOREIGN
  }

  enum Shape {
    EQUAL(s -> s),
    REVERTED_DATA(s -> new SecretBuilder(s).addToData("pw", "b2xk").build()),
    OLD_SPEC(
        s ->
            new SecretBuilder(s)
                .addToData("pw", "b2xk")
                .editMetadata()
                .addToAnnotations(WireNames.SPEC_HASH_ANNOTATION, "h1")
                .endMetadata()
                .build()),
    TYPE_CHANGED(s -> new SecretBuilder(s).withType("kubernetes.io/basic-auth").build()),
    IMMUTABLE(s -> new SecretBuilder(s).addToData("pw", "b2xk").withImmutable(true).build());

    final UnaryOperator<Secret> change;

    Shape(UnaryOperator<Secret> change) {
      this.change = change;
    }
  }

  static Stream<Arguments> rows() {
    List<Arguments> rows = new ArrayList<>();
    for (Owner o : Owner.values()) {
      for (Shape s : Shape.values()) {
        rows.add(Arguments.of(o, s, expected(o, s)));
      }
    }
    return rows.stream();
  }

  /** The table: what each combination must plan, as "Action reason". */
  private static String expected(Owner o, Shape s) {
    if (o == Owner.FOREIGN) {
      return "Conflict foreign";
    }
    if (o == Owner.ORPHANED) {
      return "Conflict orphaned";
    }
    String reason =
        o == Owner.ADOPTABLE
            ? EventReasons.ADOPTED
            : s == Shape.OLD_SPEC ? EventReasons.UNSEALED : EventReasons.REVERTED;
    return switch (s) {
      case EQUAL -> o == Owner.OURS ? "Keep" : "Update " + reason;
      case REVERTED_DATA, OLD_SPEC -> "Update " + reason;
      case TYPE_CHANGED, IMMUTABLE -> "Recreate " + reason;
    };
  }

  private static Secret existing(Owner o, Shape s) {
    Secret base =
        new SecretBuilder(DESIRED)
            .editMetadata()
            .withUid("secret-uid")
            .withResourceVersion("41")
            .withOwnerReferences(ownerRefs(o))
            .endMetadata()
            .build();
    if (o == Owner.ADOPTABLE) {
      base.getMetadata().getAnnotations().put(WireNames.ADOPT_ANNOTATION, "true");
    }
    return s.change.apply(base);
  }

  private static List<OwnerReference> ownerRefs(Owner o) {
    return switch (o) {
      case OURS -> List.of(ManagedSecret.ownerReference(OWNER));
      case ORPHANED ->
          List.of(
              new OwnerReferenceBuilder(ManagedSecret.ownerReference(OWNER))
                  .withUid("uid-of-a-deleted-db")
                  .build());
      case ADOPTABLE, FOREIGN -> List.of();
    };
  }

  @ParameterizedTest(name = "{0} x {1} -> {2}")
  @MethodSource("rows")
  void plan_ownershipAndShape_matchesTable(Owner o, Shape s, String expected) {
    SecretPlan plan = SecretPlan.of(existing(o, s), DESIRED, OWNER);
    String actual =
        switch (plan) {
          case SecretPlan.Keep k -> "Keep";
          case SecretPlan.Create c -> "Create";
          case SecretPlan.Update u -> "Update " + u.eventReason();
          case SecretPlan.Recreate r -> "Recreate " + r.eventReason();
          case SecretPlan.Conflict c -> "Conflict " + (c.orphaned() ? "orphaned" : "foreign");
        };
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plan_writes_pinTheVersionSeen(Owner o, Shape s, String expected) {
    SecretPlan plan = SecretPlan.of(existing(o, s), DESIRED, OWNER);
    if (plan instanceof SecretPlan.Update u) {
      assertThat(u.resourceVersion()).isEqualTo("41");
    }
    if (plan instanceof SecretPlan.Recreate r) {
      assertThat(r.uid()).isEqualTo("secret-uid");
      assertThat(r.resourceVersion()).isEqualTo("41");
    }
  }

  @org.junit.jupiter.api.Test
  void plan_noExistingSecret_creates() {
    assertThat(SecretPlan.of(null, DESIRED, OWNER)).isEqualTo(new SecretPlan.Create(DESIRED));
  }

  @org.junit.jupiter.api.Test
  void plan_ownerReferenceWithSameNameButOtherUid_neverOurs() {
    // Matching by name would let any object claim a Secret; only the UID counts.
    Secret s = existing(Owner.ORPHANED, Shape.REVERTED_DATA);
    assertThat(ManagedSecret.ownership(s, OWNER)).isEqualTo(ManagedSecret.Ownership.ORPHANED);
  }
}
