package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a binding accepts: Kubernetes names within their lengths, and only what its scope binds. */
class BindingTest {
  private static final Binding STRICT =
      Binding.builder().namespace("prod").name("db").item("password").build();

  @Test
  void build_serviceAccountUnderClusterScope_refused() {
    assertThatThrownBy(
            () -> Binding.builder().scope(Scope.CLUSTER).item("k").serviceAccount("app").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a namespace");
    assertThat(STRICT.toBuilder().scope(Scope.NAMESPACE).serviceAccount("app").build().canonical())
        .endsWith("serviceaccount=app");
  }

  @Test
  void build_missingOrEmptyField_refusedNamingIt() {
    assertThatThrownBy(() -> STRICT.toBuilder().item(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("item is required for this scope");
    assertThatThrownBy(() -> STRICT.toBuilder().item("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("item is required for this scope");
    assertThatThrownBy(() -> STRICT.toBuilder().namespace("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("namespace is required for this scope");
  }

  @Test
  void build_namesAtTheirLengthLimit_acceptedAndOneLongerRefused() {
    String ns63 = "n".repeat(63);
    String name253 = "a".repeat(253);
    assertThat(STRICT.toBuilder().namespace(ns63).name(name253).item(name253).build().name())
        .hasValue(name253);

    assertThatThrownBy(() -> STRICT.toBuilder().namespace(ns63 + "n").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 63 characters");
    assertThatThrownBy(() -> STRICT.toBuilder().name(name253 + "a").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 253 characters");
    assertThatThrownBy(() -> STRICT.toBuilder().item(name253 + "a").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_nameThatIsNotDnsSubdomain_refused() {
    for (String bad : new String[] {"Prod", "-prod", "prod-", "pr od", "prod/x", "prod\n"}) {
      assertThatThrownBy(() -> STRICT.toBuilder().namespace(bad).build())
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid Kubernetes name");
    }
  }

  @Test
  void isDnsSubdomain_lengthAndPattern_bothChecked() {
    assertThat(Binding.isDnsSubdomain("a".repeat(253), 253)).isTrue();
    assertThat(Binding.isDnsSubdomain("a".repeat(254), 253)).isFalse();
    assertThat(Binding.isDnsSubdomain("A", 253)).isFalse();
  }

  @Test
  void equals_sameUsesEqual_otherItemOrObjectNot() {
    Binding same = Binding.builder().namespace("prod").name("db").item("password").build();
    assertThat(STRICT).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(STRICT).isNotEqualTo(STRICT.toBuilder().item("user").build());
    assertThat(STRICT).isNotEqualTo(STRICT.canonical());
    // Fields a scope does not bind are dropped: these authorize the same uses.
    Binding clusterWide = Binding.builder().scope(Scope.CLUSTER).namespace("x").item("k").build();
    assertThat(clusterWide).isEqualTo(Binding.builder().scope(Scope.CLUSTER).item("k").build());
    assertThat(clusterWide.namespace()).isEmpty();
  }

  @Test
  void accessors_giveTheBoundFields() {
    assertThat(STRICT.namespace()).hasValue("prod");
    assertThat(STRICT.name()).hasValue("db");
    assertThat(STRICT.item()).isEqualTo("password");
    assertThat(STRICT.toString()).isEqualTo(STRICT.canonical());
  }
}
