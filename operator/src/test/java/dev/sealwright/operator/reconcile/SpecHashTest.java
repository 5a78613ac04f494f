package dev.sealwright.operator.reconcile;

import static dev.sealwright.operator.Fixtures.sealedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.envelope.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecHashTest {

  @Test
  void of_sameContentInOtherMapOrder_isEqual() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "sw1:x");
    ab.put("b", "sw1:y");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "sw1:y");
    ba.put("a", "sw1:x");

    assertThat(SpecHash.of(sealedSecret("ns", "n", ab)))
        .isEqualTo(SpecHash.of(sealedSecret("ns", "n", ba)));
  }

  @Test
  void of_anyFieldChanged_differs() {
    String base = SpecHash.of(sealedSecret("ns", "n", Map.of("a", "sw1:x")));

    SealedSecret scope = sealedSecret("ns", "n", Map.of("a", "sw1:x"));
    scope.getSpec().setScope(Scope.NAMESPACE);
    SealedSecret type = sealedSecret("ns", "n", Map.of("a", "sw1:x"));
    SecretTemplate t = new SecretTemplate();
    t.setType("kubernetes.io/tls");
    type.getSpec().setTemplate(t);

    assertThat(SpecHash.of(sealedSecret("ns", "n", Map.of("a", "sw1:y")))).isNotEqualTo(base);
    assertThat(SpecHash.of(sealedSecret("ns2", "n", Map.of("a", "sw1:x")))).isNotEqualTo(base);
    assertThat(SpecHash.of(sealedSecret("ns", "n2", Map.of("a", "sw1:x")))).isNotEqualTo(base);
    assertThat(SpecHash.of(scope)).isNotEqualTo(base);
    assertThat(SpecHash.of(type)).isNotEqualTo(base);
  }

  @Test
  void of_fieldBoundariesShifted_differs() {
    assertThat(SpecHash.of(sealedSecret("ns", "n", Map.of("ab", "c"))))
        .isNotEqualTo(SpecHash.of(sealedSecret("ns", "n", Map.of("a", "bc"))));
  }
}
