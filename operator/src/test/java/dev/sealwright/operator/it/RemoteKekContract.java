package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.operator.SealwrightOperator;
import dev.sealwright.operator.keys.KeyStorage;
import dev.sealwright.testenv.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a KEK held by a server (KMS, Vault) must show on top of the contract: while the server does
 * not answer, the operator fails closed (no Secret, no new key, a clear status), and it recovers on
 * its own when the server answers again.
 */
abstract class RemoteKekContract extends KeyProtectionContract {
  /** A bound on one KEK call short enough for a test, long enough for a loaded machine. */
  static final Duration KEK_TIMEOUT = Duration.ofSeconds(3);

  abstract KekServer server();

  /** What the Ready message says while the server does not answer. */
  abstract String unreachableMessage();

  @Test
  void kekServerNotAnswering_failsClosed_thenRecoversWhenItAnswers(
      KubernetesClient admin, TestNamespace ns) {
    KeyStorage storage = storage(false);
    OperatorHarness first = OperatorHarness.start(admin, ns.name(), b -> b.keyStorage(storage));
    String opNs = first.operatorNamespace;
    SealedSecret value = first.sealWithCli(ns.name(), "outage", Map.of("pw", "waits"));
    first.operator.close();
    Set<String> keysBefore = keyNames(admin, opNs);

    server().freeze();
    OperatorHarness restarted;
    try {
      restarted =
          OperatorHarness.attach(
              admin,
              opNs,
              SealwrightOperator.start(
                  OperatorHarness.settings(opNs, ns.name())
                      .keyStorage(storage(false))
                      .keyUnwrapRetry(Duration.ofSeconds(1))
                      .build(),
                  admin));
      restarted.apply(value);

      SealedSecret waiting = restarted.awaitReason(ns.name(), "outage", Conditions.KEY_UNAVAILABLE);
      assertThat(waiting.getStatus().condition(Conditions.READY).orElseThrow().getMessage())
          .contains("cannot unwrap now")
          .contains(unreachableMessage())
          .contains("retrying");
      assertThat(restarted.secret(ns.name(), "outage")).as("no Secret while it waits").isNull();
      assertThat(keyNames(admin, opNs)).as("no new key during the outage").isEqualTo(keysBefore);
    } finally {
      server().thaw();
    }
    try (restarted) {
      restarted.awaitReason(ns.name(), "outage", Conditions.UNSEALED);
      assertThat(decoded(restarted.secret(ns.name(), "outage"), "pw")).isEqualTo("waits");
    }
  }
}
