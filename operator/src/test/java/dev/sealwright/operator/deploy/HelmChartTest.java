package dev.sealwright.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sealwright.operator.OperatorSettings;
import dev.sealwright.wire.Defaults;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;

/**
 * The chart in deploy/helm, as the real Helm lints and renders it. Its values.yaml holds each
 * default of the install once; these tests check that those defaults are the operator's own, and
 * that non-default values render the objects they promise.
 */
class HelmChartTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode file(String name) throws IOException {
    return YAML.readTree(Helm.chart().resolve(name).toFile());
  }

  private static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static Deployment deployment(List<HasMetadata> objects) {
    return ofKind(objects, Deployment.class).getFirst();
  }

  private static List<String> args(List<HasMetadata> objects) {
    return deployment(objects)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .getFirst()
        .getArgs();
  }

  @Test
  void lintStrict_chart_passesWithoutWarnings() {
    assertThat(Helm.lintStrict()).contains("1 chart(s) linted, 0 chart(s) failed");
  }

  /** The image tag defaults to the appVersion, so the chart names the build it ships with. */
  @Test
  void chartYaml_versionAndAppVersion_areTheProjectsReleaseVersion() throws Exception {
    var pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Helm.repoRoot().resolve("pom.xml").toFile());
    String version =
        XPathFactory.newInstance()
            .newXPath()
            .evaluate("/project/version", pom)
            .replaceFirst("-SNAPSHOT$", "");
    JsonNode chart = file("Chart.yaml");

    assertThat(chart.get("version").asText()).isEqualTo(version);
    assertThat(chart.get("appVersion").asText()).isEqualTo(version);
  }

  @Test
  void valuesYaml_defaults_areTheOperatorsDefaults() throws IOException {
    JsonNode values = file("values.yaml");
    OperatorSettings operator = OperatorSettings.builder(Defaults.OPERATOR_NAMESPACE).build();

    List<String> keys = new ArrayList<>();
    values.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .as("a new value needs its default checked here")
        .containsExactlyInAnyOrder(
            "image",
            "replicas",
            "workers",
            "rotationPeriod",
            "keyCheckInterval",
            "httpPort",
            "leaseName",
            "watchNamespaces",
            "keyProtection",
            "resources");
    assertThat(values.get("workers").asInt())
        .isEqualTo(Defaults.WORKERS)
        .isEqualTo(operator.workers());
    assertThat(values.get("rotationPeriod").asText()).isEqualTo(Defaults.ROTATION_PERIOD);
    assertThat(Duration.parse(values.get("rotationPeriod").asText()))
        .isEqualTo(operator.rotationPeriod());
    assertThat(values.get("keyCheckInterval").asText()).isEqualTo(Defaults.KEY_CHECK_INTERVAL);
    assertThat(Duration.parse(values.get("keyCheckInterval").asText()))
        .isEqualTo(operator.keyCheckInterval());
    assertThat(values.get("httpPort").asInt())
        .isEqualTo(Defaults.HTTP_PORT)
        .isEqualTo(operator.httpPort());
    assertThat(values.get("leaseName").asText())
        .isEqualTo(Defaults.LEASE_NAME)
        .isEqualTo(operator.leaseName());
    assertThat(values.get("watchNamespaces")).isEmpty();
    assertThat(operator.watchNamespaces()).isEmpty();
    assertThat(values.at("/keyProtection/provider").asText()).isEqualTo("none");
    assertThat(operator.keyStorage().protector()).isEmpty();
  }

  @Test
  void template_keyProtection_passesProviderEscrowEnvAndVolumes() {
    List<HasMetadata> objects =
        Helm.objects(
            "ops",
            "keyProtection.provider=aws-kms",
            "keyProtection.escrowRecipients[0]=age1pq1offline",
            "keyProtection.migratePlainKeys=true",
            "keyProtection.env.SEALWRIGHT_AWS_KMS_KEY=alias/sealwright",
            "keyProtection.env.AWS_REGION=eu-west-1",
            "keyProtection.volumes[0].name=token",
            "keyProtection.volumes[0].secret.secretName=vault-token",
            "keyProtection.volumeMounts[0].name=token",
            "keyProtection.volumeMounts[0].mountPath=/var/run/vault");

    assertThat(args(objects))
        .contains(
            "--key-protection=aws-kms",
            "--escrow-recipients=age1pq1offline",
            "--migrate-plain-keys")
        .doesNotContain("--no-escrow");
    var pod = deployment(objects).getSpec().getTemplate().getSpec();
    var container = pod.getContainers().getFirst();
    assertThat(container.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("SEALWRIGHT_AWS_KMS_KEY");
              assertThat(e.getValue()).isEqualTo("alias/sealwright");
            })
        .anySatisfy(e -> assertThat(e.getName()).isEqualTo("AWS_REGION"));
    assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("tmp", "token");
    assertThat(container.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .containsExactly("/tmp", "/var/run/vault");
  }

  @Test
  void template_defaults_passEveryDefaultAsAFlag_andTheImageIsTheAppVersion() throws IOException {
    List<HasMetadata> objects = Helm.defaultObjects();

    assertThat(args(objects))
        .containsExactly(
            "--leader-election",
            "--lease-name=" + Defaults.LEASE_NAME,
            "--workers=" + Defaults.WORKERS,
            "--rotation-period=" + Defaults.ROTATION_PERIOD,
            "--key-check-interval=" + Defaults.KEY_CHECK_INTERVAL,
            "--http-port=" + Defaults.HTTP_PORT);
    assertThat(deployment(objects).getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment(objects).getSpec().getTemplate().getSpec().getContainers().getFirst())
        .extracting(c -> c.getImage())
        .isEqualTo(
            file("values.yaml").at("/image/repository").asText()
                + ":"
                + file("Chart.yaml").get("appVersion").asText());
  }

  @Test
  void template_imageAndScalars_set_renderTheGivenValues() {
    List<HasMetadata> objects =
        Helm.objects(
            "ops",
            "image.repository=registry.example/sw/operator",
            "image.tag=1.2.3",
            "replicas=3",
            "workers=4",
            "httpPort=9090");

    var pod = deployment(objects).getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().getFirst().getImage())
        .isEqualTo("registry.example/sw/operator:1.2.3");
    assertThat(deployment(objects).getSpec().getReplicas()).isEqualTo(3);
    assertThat(args(objects)).contains("--workers=4", "--http-port=9090");
    assertThat(pod.getContainers().getFirst().getPorts().getFirst().getContainerPort())
        .isEqualTo(9090);
    assertThat(objects)
        .filteredOn(o -> o.getMetadata().getNamespace() != null)
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("ops"));
  }

  @Test
  void template_defaults_clusterRoleWithTheDocumentedSecretVerbsOnly() {
    List<HasMetadata> objects = Helm.defaultObjects();

    ClusterRole clusterRole = ofKind(objects, ClusterRole.class).getFirst();
    assertThat(secretVerbs(clusterRole.getRules()))
        .containsExactlyInAnyOrder("get", "list", "watch", "create", "update", "delete");
    assertThat(clusterRole.getRules())
        .noneMatch(r -> r.getVerbs().contains("*") || r.getResources().contains("*"));
    assertThat(ofKind(objects, Role.class))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsOnly(Defaults.OPERATOR_NAMESPACE);
  }

  @Test
  void template_defaults_operatorNamespaceRoleNamesOnlyItsConfigMapsAndLease() {
    Role role = operatorNamespaceRole();

    assertThat(role.getRules())
        .filteredOn(r -> r.getVerbs().contains("update"))
        .extracting(PolicyRule::getResourceNames)
        .containsExactlyInAnyOrder(
            List.of(WireNames.PUBLIC_KEYS_CONFIGMAP),
            List.of(WireNames.RETIRED_KEYS_CONFIGMAP),
            List.of(Defaults.LEASE_NAME));
    assertThat(role.getRules())
        .filteredOn(r -> r.getResources().contains("configmaps") && r.getVerbs().contains("watch"))
        .extracting(PolicyRule::getResourceNames)
        .containsExactly(List.of(WireNames.RETIRED_KEYS_CONFIGMAP));
  }

  /** Key retirement patches (to answer) and deletes key Secrets; nothing in there is updated. */
  @Test
  void template_defaults_operatorNamespaceRoleSecretVerbsAreTheDocumentedOnes() {
    assertThat(secretVerbs(operatorNamespaceRole().getRules()))
        .containsExactlyInAnyOrder("get", "list", "watch", "create", "patch", "delete");
  }

  /** The verbs of the one rule about Secrets. */
  private static List<String> secretVerbs(List<PolicyRule> rules) {
    List<PolicyRule> secrets =
        rules.stream().filter(r -> r.getResources().contains("secrets")).toList();
    assertThat(secrets).hasSize(1);
    return secrets.getFirst().getVerbs();
  }

  private static Role operatorNamespaceRole() {
    return ofKind(Helm.defaultObjects(), Role.class).stream()
        .filter(r -> r.getMetadata().getName().equals("sealwright-operator"))
        .findFirst()
        .orElseThrow();
  }

  /** The namespaced install RbacIT runs the operator under. */
  @Test
  void template_watchNamespacesSet_roleInEachWatchedNamespace_noClusterRole() {
    List<HasMetadata> defaults = Helm.defaultObjects();
    List<HasMetadata> objects = Helm.objects("ops", "watchNamespaces={team-a,team-b}");

    assertThat(objects).noneMatch(o -> o.getKind().startsWith("ClusterRole"));
    List<PolicyRule> clusterRules = ofKind(defaults, ClusterRole.class).getFirst().getRules();
    for (String ns : List.of("team-a", "team-b")) {
      assertThat(ofKind(objects, Role.class))
          .filteredOn(r -> r.getMetadata().getNamespace().equals(ns))
          .singleElement()
          .satisfies(r -> assertThat(r.getRules()).isEqualTo(clusterRules));
      assertThat(ofKind(objects, RoleBinding.class))
          .filteredOn(b -> b.getMetadata().getNamespace().equals(ns))
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
                assertThat(b.getSubjects())
                    .singleElement()
                    .satisfies(s -> assertThat(s.getNamespace()).isEqualTo("ops"));
              });
    }
    assertThat(args(objects)).contains("--watch-namespaces=team-a,team-b");
  }

  @Test
  void template_watchNamespacesNameTheReleaseNamespace_isRefused() {
    assertThatThrownBy(() -> Helm.template("ops", "watchNamespaces={team-a,ops}"))
        .hasMessageContaining("watchNamespaces must not name the release namespace");
  }

  @Test
  void template_misspelledOrInvalidValue_isRefusedByTheSchema() {
    assertThatThrownBy(() -> Helm.template("ops", "worker=4"))
        .hasMessageContaining("additional properties 'worker' not allowed");
    assertThatThrownBy(() -> Helm.template("ops", "workers=0")).hasMessageContaining("/workers");
    assertThatThrownBy(() -> Helm.template("ops", "watchNamespaces={Team_A}"))
        .hasMessageContaining("/watchNamespaces/0");
    assertThatThrownBy(() -> Helm.template("ops", "keyProtection.provider=gcp-kms"))
        .hasMessageContaining("/keyProtection/provider");
  }

  @Test
  void template_deployment_isHardened() {
    var pod = deployment(Helm.defaultObjects()).getSpec().getTemplate().getSpec();
    var c = pod.getContainers().getFirst().getSecurityContext();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
  }
}
