package dev.sealwright.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.envelope.Scope;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SealedSecretCrdTest {

  private static CustomResourceDefinitionVersion generatedV1() throws Exception {
    try (InputStream in = SealedSecret.class.getResourceAsStream(SealedSecret.CRD_RESOURCE)) {
      assertThat(in).as("CRD generated at build time at " + SealedSecret.CRD_RESOURCE).isNotNull();
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      assertThat(crd.getMetadata().getName()).isEqualTo("sealedsecrets.sealwright.dev");
      assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
      return crd.getSpec().getVersions().getFirst();
    }
  }

  @Test
  void generatedCrd_v1_hasStatusSubresourceAndPrinterColumns() throws Exception {
    CustomResourceDefinitionVersion v1 = generatedV1();

    assertThat(v1.getName()).isEqualTo("v1");
    assertThat(v1.getSubresources().getStatus()).isNotNull();
    assertThat(v1.getAdditionalPrinterColumns())
        .extracting(c -> c.getName())
        .containsExactlyInAnyOrder("Ready", "Reason", "Age");
  }

  @Test
  void generatedCrd_spec_describesEveryFieldForKubectlExplain() throws Exception {
    JSONSchemaProps spec =
        generatedV1().getSchema().getOpenAPIV3Schema().getProperties().get("spec");

    assertThat(spec.getRequired()).containsExactly("encryptedData");
    assertThat(spec.getProperties())
        .containsOnlyKeys("scope", "serviceAccount", "encryptedData", "template");
    spec.getProperties()
        .forEach((name, prop) -> assertThat(prop.getDescription()).as(name).isNotBlank());
    // The schema takes its pattern from core's Scope, so it admits exactly core's wire names.
    String pattern = spec.getProperties().get("scope").getPattern();
    assertThat(pattern).isEqualTo(Scope.WIRE_PATTERN);
    for (Scope scope : Scope.values()) {
      assertThat(scope.wireName()).matches(pattern);
    }
    assertThat("Strict").doesNotMatch(pattern);
    assertThat(spec.getProperties().get("scope").getDefault().asText()).isEqualTo("strict");
  }

  @Test
  void spec_jsonRoundTrip_keepsLowerCaseScopeAndTemplate() {
    String yaml =
        """
        apiVersion: sealwright.dev/v1
        kind: SealedSecret
        metadata: {name: db, namespace: prod}
        spec:
          scope: namespace
          encryptedData: {password: "sw1:namespace::0123456789abcdef:AAAA"}
          template:
            type: kubernetes.io/basic-auth
            immutable: true
            metadata: {labels: {app: db}}
        """;

    SealedSecret parsed = Serialization.unmarshal(yaml, SealedSecret.class);

    assertThat(parsed.getSpec().getScope()).isEqualTo(Scope.NAMESPACE);
    assertThat(parsed.getSpec().getTemplate().getType()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(parsed.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "db");
    assertThat(Serialization.asJson(parsed)).contains("\"scope\":\"namespace\"");
  }
}
