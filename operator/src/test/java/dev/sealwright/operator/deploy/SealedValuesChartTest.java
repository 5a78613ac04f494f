package dev.sealwright.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.secret.SecretBytes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library chart deploy/helm/sealwright-values, through the example chart that depends on it, as
 * the real {@code helm template} renders it: envelopes in, a SealedSecret out, no plaintext and no
 * key anywhere in the chart or the render.
 */
class SealedValuesChartTest {
  static final Map<String, String> PLAINTEXT =
      Map.of("password", "p@ss: w0rd # not a comment\n", "api-token", "tok-ünï-✓");

  @TempDir Path dir;
  HybridIdentity identity;
  Path chart;

  @BeforeEach
  void setUp() throws Exception {
    identity = AgeKeys.generateHybrid();
    chart = Helm.valuesExampleChart(dir);
  }

  private Map<String, String> sealed(String namespace, String name) throws Exception {
    Map<String, String> envelopes = new TreeMap<>();
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      Binding b =
          Binding.builder()
              .scope(Scope.STRICT)
              .namespace(namespace)
              .name(name)
              .item(e.getKey())
              .build();
      envelopes.put(
          e.getKey(),
          Sealer.seal(
              SecretBytes.copyOf(e.getValue().getBytes(StandardCharsets.UTF_8)),
              b,
              List.of(identity.publicRecipient())));
    }
    return envelopes;
  }

  private Path values(String text) throws Exception {
    Path file = dir.resolve("values.sealed.yaml");
    Files.writeString(file, text);
    return file;
  }

  private static String yamlMap(Map<String, String> m, String indent) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(indent).append(k).append(": ").append(v).append('\n'));
    return sb.toString();
  }

  private String template(Path values) {
    return Helm.run(
        List.of("template", "app", chart.toString(), "-n", "prod", "-f", values.toString()));
  }

  @Test
  void template_mapOfEnvelopes_rendersSealedSecretThatOpensForItsBinding() throws Exception {
    Map<String, String> envelopes = sealed("prod", "db");

    String rendered = template(values("sealedSecrets:\n  db:\n" + yamlMap(envelopes, "    ")));

    List<HasMetadata> objects = Helm.parse(rendered);
    SealedSecret ss =
        objects.stream()
            .filter(o -> o.getKind().equals("SealedSecret"))
            .map(o -> Serialization.unmarshal(Serialization.asYaml(o), SealedSecret.class))
            .findFirst()
            .orElseThrow();
    assertThat(ss.getApiVersion()).isEqualTo("sealwright.dev/v1");
    assertThat(ss.getMetadata().getName()).isEqualTo("db");
    assertThat(ss.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(ss.getSpec().getScope()).isEqualTo(Scope.STRICT);
    assertThat(ss.getSpec().getTemplate().getType()).isEqualTo("Opaque");
    assertThat(ss.getSpec().getEncryptedData()).isEqualTo(envelopes);
    Keyring keyring = Keyring.of(List.of(identity));
    for (Map.Entry<String, String> e : PLAINTEXT.entrySet()) {
      Binding b =
          Binding.builder()
              .scope(Scope.STRICT)
              .namespace("prod")
              .name("db")
              .item(e.getKey())
              .build();
      assertThat(
              Sealer.open(ss.getSpec().getEncryptedData().get(e.getKey()), b, keyring)
                  .toByteArray())
          .isEqualTo(e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(objects).anySatisfy(o -> assertThat(o).isInstanceOf(ConfigMap.class));
    assertNoPlaintext(rendered);
    try (Stream<Path> files = Files.walk(chart)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        // the library chart arrives as a .tgz; its text is in deploy/helm/sealwright-values
        assertNoPlaintext(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
  }

  @Test
  void template_plaintextLeftInTheMap_failsNamingTheItemButNotTheValue() throws Exception {
    Map<String, String> envelopes = new TreeMap<>(sealed("prod", "db"));
    envelopes.put("leaked", "\"hunter2-plaintext\"");
    Path values = values("sealedSecrets:\n  db:\n" + yamlMap(envelopes, "    "));

    assertThatThrownBy(() -> template(values))
        .hasMessageContaining("item leaked is not a sealed value (sw1:...)")
        .hasMessageNotContaining("hunter2-plaintext");
  }

  @Test
  void lintStrict_libraryChart_passes() {
    assertThat(
            Helm.run(
                List.of(
                    "lint",
                    "--strict",
                    Helm.repoRoot().resolve("deploy/helm/sealwright-values").toString())))
        .contains("1 chart(s) linted, 0 chart(s) failed");
  }

  private static void assertNoPlaintext(String text) {
    for (String value : PLAINTEXT.values()) {
      assertThat(text).doesNotContain(value.strip());
    }
  }
}
