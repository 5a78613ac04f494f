package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.operator.SealwrightOperator;
import dev.sealwright.operator.reconcile.EventReasons;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two replicas against one API server: one leader, no duplicate writes, failover. */
@ExtendWith(KubeTestEnvironment.class)
class LeaderElectionIT {

  private static long unsealedEvents(KubernetesClient admin, TestNamespace ns, String name) {
    return admin.v1().events().inNamespace(ns.name()).list().getItems().stream()
        .filter(e -> EventReasons.UNSEALED.equals(e.getReason()))
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .count();
  }

  /**
   * "Written once" is proved by state, never by waiting for a duplicate that did not come: the
   * standby has reconciled nothing while it stood by, and after the failover the new leader looks
   * at the first object, finds it up to date (a skipped result, no decryption), and leaves its
   * Secret's resourceVersion and its one Unsealed event as they were.
   */
  @Test
  void twoReplicas_oneLeader_singleWrite_failoverWhenLeaderStops(
      KubernetesClient admin, TestNamespace ns) {
    // The harness's own operator only makes the first key and is stopped; the two replicas follow.
    OperatorHarness h = OperatorHarness.start(admin, ns.name());
    h.operator.close();
    SealwrightOperator a =
        h.startAnother(
            ns.name(), b -> b.leaderElection(true).identity("replica-a").leaseName("sw-it"));
    SealwrightOperator b =
        h.startAnother(
            ns.name(), c -> c.leaderElection(true).identity("replica-b").leaseName("sw-it"));
    try {
      Eventually.await("a leader", TIMEOUT, () -> a.leading() || b.leading());
      List<SealwrightOperator> leaders =
          List.of(a, b).stream().filter(SealwrightOperator::leading).toList();
      assertThat(leaders).hasSize(1);
      SealwrightOperator leader = leaders.getFirst();
      SealwrightOperator standby = leader == a ? b : a;

      h.apply(h.sealWithCli(ns.name(), "one", Map.of("k", "v")));
      h.awaitReason(ns.name(), "one", Conditions.UNSEALED);
      String writtenAt = h.secret(ns.name(), "one").getMetadata().getResourceVersion();

      assertThat(standby.leading()).isFalse();
      assertThat(standby.metrics().decryptionsTotal()).isZero();
      assertThat(standby.metrics().resultsTotal(Conditions.UNSEALED, false)).isZero();
      assertThat(standby.metrics().resultsTotal(Conditions.UNSEALED, true)).isZero();
      assertThat(leader.metrics().resultsTotal(Conditions.UNSEALED, false)).isOne();

      Eventually.await("the Unsealed event", TIMEOUT, () -> unsealedEvents(admin, ns, "one") == 1);

      leader.close();
      Eventually.await("the standby takes over", TIMEOUT, standby::leading);
      // 'one' is the only object yet, so the first skipped result is the new leader's look at it.
      Eventually.await(
          "the new leader has looked at 'one' and found it up to date",
          TIMEOUT,
          () -> standby.metrics().resultsTotal(Conditions.UNSEALED, true) >= 1);
      assertThat(standby.metrics().decryptionsTotal()).isZero();
      assertThat(h.secret(ns.name(), "one").getMetadata().getResourceVersion())
          .isEqualTo(writtenAt);

      h.apply(h.sealWithCli(ns.name(), "two", Map.of("k", "v2")));
      h.awaitReason(ns.name(), "two", Conditions.UNSEALED);
      assertThat(standby.metrics().decryptionsTotal()).as("only 'two' was opened").isOne();
      assertThat(standby.metrics().resultsTotal(Conditions.UNSEALED, false)).isOne();
      Eventually.await(
          "the Unsealed event of 'two'", TIMEOUT, () -> unsealedEvents(admin, ns, "two") == 1);
      assertThat(unsealedEvents(admin, ns, "one")).as("no second write of 'one'").isEqualTo(1);
    } finally {
      a.close();
      b.close();
      h.close();
    }
  }
}
