package dev.sealwright.kubeseal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.envelope.Scope;
import org.junit.jupiter.api.Test;

class KubesealLabelTest {

  @Test
  void strict_namespaceAndName_isNamespaceSlashName() {
    assertThat(KubesealLabel.strict("prod", "db").bytes()).isEqualTo("prod/db".getBytes(UTF_8));
  }

  @Test
  void namespaceWide_namespace_isTheNamespace() {
    assertThat(KubesealLabel.namespaceWide("prod").bytes()).isEqualTo("prod".getBytes(UTF_8));
  }

  @Test
  void clusterWide_always_isEmpty() {
    assertThat(KubesealLabel.clusterWide().bytes()).isEmpty();
  }

  @Test
  void of_sealwrightScopes_mapOneToOne() {
    assertThat(KubesealLabel.of(Scope.STRICT, "prod", "db"))
        .isEqualTo(KubesealLabel.strict("prod", "db"));
    assertThat(KubesealLabel.of(Scope.NAMESPACE, "prod", null))
        .isEqualTo(KubesealLabel.namespaceWide("prod"));
    assertThat(KubesealLabel.of(Scope.CLUSTER, null, null)).isEqualTo(KubesealLabel.clusterWide());
  }

  @Test
  void strict_slashInNamespace_throwsBecauseLabelsWouldCollide() {
    assertThatThrownBy(() -> KubesealLabel.strict("prod/db", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace");
  }

  @Test
  void namespaceWide_emptyNamespace_throws() {
    assertThatThrownBy(() -> KubesealLabel.namespaceWide(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equals_scopeAndTextBothDecide() {
    assertThat(KubesealLabel.strict("prod", "db")).isNotEqualTo(KubesealLabel.strict("prod", "dc"));
    assertThat(KubesealLabel.namespaceWide("prod"))
        .isNotEqualTo(KubesealLabel.strict("prod", "db"));
    assertThat(KubesealLabel.clusterWide()).isNotEqualTo(KubesealLabel.namespaceWide("a"));
    assertThat(KubesealLabel.namespaceWide("prod")).isNotEqualTo("prod");
    assertThat(KubesealLabel.namespaceWide("prod"))
        .hasSameHashCodeAs(KubesealLabel.namespaceWide("prod"))
        .hasToString("namespace 'prod'");
  }

  @Test
  void strict_slashAtTheStartOrMissingPart_throws() {
    assertThatThrownBy(() -> KubesealLabel.strict("/prod", "db"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KubesealLabel.strict("prod", "/db"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KubesealLabel.strict("prod", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KubesealLabel.strict("prod", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
