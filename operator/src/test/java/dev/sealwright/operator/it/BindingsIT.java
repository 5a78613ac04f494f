package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.Scope;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scopes and the ServiceAccount binding of docs/format.md §3, end to end: values sealed by the
 * real CLI, unsealed (or refused) by the operator on the real API server. Strict scope's moves are
 * in {@link SealedSecretIT}; here are the wider scopes, ServiceAccount-bound values, and a binding
 * field edited in the clear after sealing.
 */
@ExtendWith(KubeTestEnvironment.class)
class BindingsIT {

  /**
   * A copy of {@code sealed}'s spec under another namespace and name, as a copy in Git would be.
   */
  private static SealedSecret copyOf(SealedSecret sealed, String namespace, String name) {
    SealedSecret copy = new SealedSecret();
    copy.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    copy.setSpec(Serialization.clone(sealed.getSpec()));
    return copy;
  }

  private static String message(SealedSecret ss) {
    return ss.getStatus().condition(Conditions.READY).orElseThrow().getMessage();
  }

  @Test
  void namespaceScope_renamedInItsNamespace_unseals_movedToAnotherNamespace_bindingMismatch(
      KubernetesClient admin, TestNamespace ns) {
    String other = OperatorHarness.newNamespace(admin, "t-other-");
    try (OperatorHarness h = OperatorHarness.start(admin, null)) {
      SealedSecret sealed =
          h.sealWithCli(ns.name(), "db", Map.of("pw", "ns-wide"), "--scope", "namespace");
      assertThat(sealed.getSpec().getScope()).isEqualTo(Scope.NAMESPACE);

      h.apply(copyOf(sealed, ns.name(), "renamed"));
      h.apply(copyOf(sealed, other, "db"));

      h.awaitReason(ns.name(), "renamed", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "renamed"), "pw")).isEqualTo("ns-wide");
      SealedSecret moved = h.awaitReason(other, "db", Conditions.BINDING_MISMATCH);
      assertThat(h.secret(other, "db")).isNull();
      assertThat(message(moved)).contains(ns.name()).contains(other).doesNotContain("ns-wide");
    } finally {
      admin.namespaces().withName(other).delete();
    }
  }

  @Test
  void clusterScope_usedUnderAnyNamespaceAndName_unseals(KubernetesClient admin, TestNamespace ns) {
    String other = OperatorHarness.newNamespace(admin, "t-other-");
    try (OperatorHarness h = OperatorHarness.start(admin, null)) {
      SealedSecret sealed =
          h.sealWithCli(ns.name(), "shared", Map.of("token", "everywhere"), "--scope", "cluster");
      assertThat(sealed.getSpec().getScope()).isEqualTo(Scope.CLUSTER);

      h.apply(copyOf(sealed, ns.name(), "shared"));
      h.apply(copyOf(sealed, other, "elsewhere"));

      h.awaitReason(ns.name(), "shared", Conditions.UNSEALED);
      h.awaitReason(other, "elsewhere", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "shared"), "token")).isEqualTo("everywhere");
      assertThat(decoded(h.secret(other, "elsewhere"), "token")).isEqualTo("everywhere");
    } finally {
      admin.namespaces().withName(other).delete();
    }
  }

  @Test
  void serviceAccountBound_unsealsWithItsServiceAccount_refusedWithoutOrWithAnother(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      SealedSecret sealed =
          h.sealWithCli(
              ns.name(),
              "payments",
              Map.of("stripe", "sk_live_x"),
              "--scope",
              "namespace",
              "--service-account",
              "payments-api");
      assertThat(sealed.getSpec().getServiceAccount()).isEqualTo("payments-api");
      SealedSecret unbound = copyOf(sealed, ns.name(), "unbound");
      unbound.getSpec().setServiceAccount(null);
      h.apply(copyOf(sealed, ns.name(), "payments"));
      h.apply(unbound);

      h.awaitReason(ns.name(), "payments", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "payments"), "stripe")).isEqualTo("sk_live_x");
      SealedSecret refused = h.awaitReason(ns.name(), "unbound", Conditions.BINDING_MISMATCH);
      assertThat(h.secret(ns.name(), "unbound")).isNull();
      assertThat(message(refused)).contains("payments-api").doesNotContain("sk_live_x");
    }
  }

  /**
   * The clear scope and ServiceAccount of an applied object are edited (a reviewer cannot tell, the
   * values are unreadable): each edit is refused, and the Secret keeps what it had.
   */
  @Test
  void bindingFieldsEditedAfterSealing_bindingMismatch_secretUnchanged(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      h.apply(h.sealWithCli(ns.name(), "api", Map.of("key", "k1"), "--service-account", "api-sa"));
      h.awaitReason(ns.name(), "api", Conditions.UNSEALED);
      Secret before = h.secret(ns.name(), "api");

      h.edit(ns.name(), "api", ss -> ss.getSpec().setScope(Scope.NAMESPACE));
      SealedSecret widened = h.awaitReason(ns.name(), "api", Conditions.BINDING_MISMATCH);
      assertThat(message(widened)).contains("strict").contains("namespace");

      h.edit(
          ns.name(),
          "api",
          ss -> {
            ss.getSpec().setScope(Scope.STRICT);
            ss.getSpec().setServiceAccount("other-sa");
          });
      SealedSecret rebound = h.awaitReason(ns.name(), "api", Conditions.BINDING_MISMATCH);
      assertThat(message(rebound)).contains("api-sa").contains("other-sa");

      h.edit(ns.name(), "api", ss -> ss.getSpec().setServiceAccount(null));
      h.awaitReason(ns.name(), "api", Conditions.BINDING_MISMATCH);

      Secret after = h.secret(ns.name(), "api");
      assertThat(after.getMetadata().getResourceVersion())
          .as("no write on a refused object")
          .isEqualTo(before.getMetadata().getResourceVersion());
      assertThat(decoded(after, "key")).isEqualTo("k1");

      h.edit(ns.name(), "api", ss -> ss.getSpec().setServiceAccount("api-sa"));
      h.awaitReason(ns.name(), "api", Conditions.UNSEALED);
    }
  }
}
