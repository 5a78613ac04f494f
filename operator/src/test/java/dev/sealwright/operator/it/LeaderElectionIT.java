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

  @Test
  void twoReplicas_oneLeader_singleWrite_failoverWhenLeaderStops(
      KubernetesClient admin, TestNamespace ns) throws InterruptedException {
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

      assertThat(standby.leading()).isFalse();
      assertThat(standby.metrics().decryptionsTotal()).isZero();
      Eventually.await("the Unsealed event", TIMEOUT, () -> unsealedEvents(admin, ns, "one") >= 1);
      Thread.sleep(1000); // a duplicate writer would have posted its event by now
      assertThat(unsealedEvents(admin, ns, "one")).isEqualTo(1);

      leader.close();
      Eventually.await("the standby takes over", TIMEOUT, standby::leading);
      h.apply(h.sealWithCli(ns.name(), "two", Map.of("k", "v2")));
      h.awaitReason(ns.name(), "two", Conditions.UNSEALED);
      assertThat(standby.metrics().decryptionsTotal()).isPositive();
    } finally {
      a.close();
      b.close();
      h.close();
    }
  }
}
