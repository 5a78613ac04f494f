package dev.sealwright.operator.reconcile;

import static dev.sealwright.operator.Fixtures.sealedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SecretTemplate;
import dev.sealwright.api.v1.TemplateMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatePolicyTest {
  private static SealedSecret with(
      Map<String, String> labels, Map<String, String> annotations, String type) {
    SealedSecret ss = sealedSecret("prod", "db", Map.of());
    TemplateMetadata meta = new TemplateMetadata();
    meta.setLabels(labels);
    meta.setAnnotations(annotations);
    SecretTemplate t = new SecretTemplate();
    t.setMetadata(meta);
    t.setType(type);
    ss.getSpec().setTemplate(t);
    return ss;
  }

  @Test
  void refusal_keyLabel_namesTheField() {
    assertThat(
            TemplatePolicy.refusal(
                with(Map.of("app", "db", "sealwright.dev/key", "true"), null, null)))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("spec.template.metadata.labels[sealwright.dev/key]")
                    .contains("reserved"));
  }

  @Test
  void refusal_reservedAnnotation_namesTheField() {
    assertThat(
            TemplatePolicy.refusal(
                with(null, Map.of("sealwright.dev/created-at", "2099-01-01T00:00:00Z"), null)))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("spec.template.metadata.annotations[sealwright.dev/created-at]"));
  }

  @Test
  void refusal_serviceAccountTokenType_refused() {
    assertThat(TemplatePolicy.refusal(with(null, null, "kubernetes.io/service-account-token")))
        .hasValueSatisfying(m -> assertThat(m).contains("spec.template.type").contains("Opaque"));
  }

  @Test
  void refusal_bootstrapTokenType_refused() {
    assertThat(TemplatePolicy.refusal(with(null, null, "bootstrap.kubernetes.io/token")))
        .contains(
            "spec.template.type 'bootstrap.kubernetes.io/token' is not allowed; use one of [Opaque,"
                + " kubernetes.io/basic-auth, kubernetes.io/dockercfg,"
                + " kubernetes.io/dockerconfigjson, kubernetes.io/ssh-auth, kubernetes.io/tls]");
  }

  @Test
  void refusal_ordinaryTemplate_allowed() {
    assertThat(
            TemplatePolicy.refusal(
                with(
                    Map.of("app", "db", "app.kubernetes.io/name", "db"),
                    Map.of("example.com/sealwright.dev", "x"),
                    "kubernetes.io/tls")))
        .isEmpty();
    assertThat(TemplatePolicy.refusal(sealedSecret("prod", "db", Map.of()))).isEmpty();
  }

  @Test
  void refusal_hugeKey_messageBounded() {
    String huge = "sealwright.dev/" + "x".repeat(100_000);
    assertThat(TemplatePolicy.refusal(with(Map.of(huge, "v"), null, null)))
        .hasValueSatisfying(m -> assertThat(m.length()).isLessThan(400));
  }

  @Test
  void refusal_templateWithoutMetadataOrType_isAllowed() {
    SealedSecret noMetadata = sealedSecret("prod", "db", Map.of());
    noMetadata.getSpec().setTemplate(new SecretTemplate());

    assertThat(TemplatePolicy.refusal(noMetadata)).isEmpty();
    assertThat(TemplatePolicy.refusal(with(Map.of("app", "db"), Map.of("a", "b"), null))).isEmpty();
  }
}
