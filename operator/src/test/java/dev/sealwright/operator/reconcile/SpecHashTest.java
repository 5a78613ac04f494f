package dev.sealwright.operator.reconcile;

import static dev.sealwright.operator.Fixtures.sealedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.api.v1.TemplateMetadata;
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

  @Test
  void of_templateAndServiceAccountFieldsChanged_differs() {
    String base = SpecHash.of(withTemplate(null, null, null, null));

    SealedSecret sa = withTemplate(null, null, null, null);
    sa.getSpec().setServiceAccount("app");
    assertThat(SpecHash.of(sa)).isNotEqualTo(base);
    assertThat(SpecHash.of(withTemplate(true, null, null, null))).isNotEqualTo(base);
    assertThat(SpecHash.of(withTemplate(false, null, null, null)))
        .isNotEqualTo(base)
        .isNotEqualTo(SpecHash.of(withTemplate(true, null, null, null)));
    assertThat(SpecHash.of(withTemplate(null, Map.of("app", "db"), null, null))).isNotEqualTo(base);
    assertThat(SpecHash.of(withTemplate(null, null, Map.of("app", "db"), null)))
        .isNotEqualTo(base)
        .isNotEqualTo(SpecHash.of(withTemplate(null, Map.of("app", "db"), null, null)));
    assertThat(SpecHash.of(withTemplate(null, Map.of(), null, null))).isNotEqualTo(base);
  }

  @Test
  void of_templateAbsentOrEmpty_sameUses_butNotAnEmptyStringField() throws Exception {
    SealedSecret none = sealedSecret("ns", "n", Map.of("a", "sw1:x"));
    SealedSecret emptyTemplate = sealedSecret("ns", "n", Map.of("a", "sw1:x"));
    emptyTemplate.getSpec().setTemplate(new SecretTemplate());
    SealedSecret emptyServiceAccount = sealedSecret("ns", "n", Map.of("a", "sw1:x"));
    emptyServiceAccount.getSpec().setServiceAccount("");
    SealedSecret unknownScope = sealedSecret("ns", "n", Map.of("a", "sw1:x"));
    // Only past the CRD's validation: a scope name that is no scope reads as null.
    new ObjectMapper()
        .readerForUpdating(unknownScope.getSpec())
        .readValue("{\"scope\":\"global\"}");

    assertThat(SpecHash.of(emptyTemplate)).isEqualTo(SpecHash.of(none));
    assertThat(SpecHash.of(emptyServiceAccount)).isNotEqualTo(SpecHash.of(none));
    assertThat(unknownScope.getSpec().getScope()).isNull();
    assertThat(SpecHash.of(unknownScope)).isNotEqualTo(SpecHash.of(none));
  }

  @Test
  void of_fieldHoldingTheSeparatorBytes_stillUnambiguous() {
    // A key and its value are hashed one after the other: only the lengths keep them apart.
    assertThat(SpecHash.of(sealedSecret("ns", "n", Map.of("a\u0001:b", "c"))))
        .isNotEqualTo(SpecHash.of(sealedSecret("ns", "n", Map.of("a", "b\u0001:c"))));
  }

  @Test
  void of_knownObject_isStableAcrossReleases() {
    // The hash is stored on every managed Secret: a new encoding would make an upgraded operator
    // rewrite them all. Change this value only together with the version string in SpecHash.
    SealedSecret ss = withTemplate(true, Map.of("app", "db"), Map.of("team", "x"), "Opaque");
    ss.getSpec().setServiceAccount("app");

    assertThat(SpecHash.of(ss))
        .isEqualTo("337c71daf7b777c0681629124b568f883eca23ac27e785e9bb7f58bfc3131624");
  }

  private static SealedSecret withTemplate(
      Boolean immutable, Map<String, String> labels, Map<String, String> annotations, String type) {
    SealedSecret ss = sealedSecret("ns", "n", Map.of("a", "sw1:x"));
    SecretTemplate t = new SecretTemplate();
    t.setImmutable(immutable);
    t.setType(type);
    if (labels != null || annotations != null) {
      TemplateMetadata meta = new TemplateMetadata();
      meta.setLabels(labels);
      meta.setAnnotations(annotations);
      t.setMetadata(meta);
    }
    ss.getSpec().setTemplate(t);
    return ss;
  }
}
