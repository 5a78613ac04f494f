package dev.sealwright.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/ is generated from {@link DeployManifests}: this test fails when a file drifts from it
 * (run with -Dsealwright.deploy.write=true to rewrite them).
 */
class DeployManifestsTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final String IMAGE = "ghcr.io/sealwright/sealwright-operator:0.1.0";

  static Map<String, String> generated() {
    Map<String, String> files = new HashMap<>(DeployManifests.plainManifests(IMAGE));
    files.putAll(HelmChart.files("0.1.0"));
    return files;
  }

  @Test
  void deployFiles_matchGenerator() throws IOException {
    boolean write = Boolean.getBoolean("sealwright.deploy.write");
    for (var file : generated().entrySet()) {
      Path path = ROOT.resolve(file.getKey());
      if (write) {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      assertThat(path).as(file.getKey() + " exists").isRegularFile();
      assertThat(Files.readString(path, StandardCharsets.UTF_8))
          .as(file.getKey() + " is generated; rerun with -Dsealwright.deploy.write=true")
          .isEqualTo(file.getValue());
    }
  }

  /**
   * Renders the chart's template with its default values by plain substitution (no Helm binary
   * here) and checks it yields exactly the plain manifests' objects: the two cannot drift.
   */
  @Test
  void helmTemplate_renderedWithDefaults_equalsPlainManifests() {
    Map<String, String> chart = HelmChart.files("0.1.0");
    String template = chart.get("deploy/helm/sealwright-operator/templates/operator.yaml");
    String scope = chart.get("deploy/helm/sealwright-operator/templates/rbac-scope.yaml");
    String rendered =
        template
            .replace("{{ .Release.Namespace | quote }}", "\"sealwright\"")
            .replace("{{ .Release.Namespace }}", "sealwright")
            .replace(
                "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}",
                IMAGE)
            .replace("{{ .Values.replicas }}", "2")
            .replace("{{ .Values.workers }}", "16")
            .replace("{{ .Values.rotationPeriod }}", "P30D")
            .replaceAll("(?s)\\s*\\{\\{- with \\.Values\\.watchNamespaces }}.*?\\{\\{- end }}", "");
    // watchNamespaces empty: the else branch, the ClusterRole.
    String clusterWide =
        scope
            .replaceAll("(?s)\\{\\{- if \\.Values\\.watchNamespaces }}.*?\\{\\{- else }}\\n", "")
            .replace("{{- end }}\n", "")
            .replace("{{ .Release.Namespace | quote }}", "\"sealwright\"");
    String plain = DeployManifests.plainManifests(IMAGE).get("deploy/manifests/02-operator.yaml");

    assertThat(rendered + clusterWide).doesNotContain("{{");
    assertThat(sorted(documents(rendered + "\n" + clusterWide)))
        .hasSize(9)
        .isEqualTo(sorted(documents(plain)));
  }

  /**
   * With watchNamespaces set, the chart grants exactly the Roles RbacIT runs the operator under.
   */
  @Test
  void helmRbacScope_watchNamespacesSet_rendersTheTestedRolesOnly() {
    String scope =
        HelmChart.files("0.1.0").get("deploy/helm/sealwright-operator/templates/rbac-scope.yaml");
    String open = "{{- range .Values.watchNamespaces }}\n";
    String body =
        scope.substring(
            scope.indexOf(open) + open.length(), scope.indexOf("{{- end }}\n{{- else }}"));
    StringBuilder rendered = new StringBuilder();
    for (String ns : java.util.List.of("team-a", "team-b")) {
      rendered.append(
          body.replace("{{ . | quote }}", "\"" + ns + "\"")
              .replace("{{ $.Release.Namespace | quote }}", "\"sealwright\""));
    }

    assertThat(rendered.toString()).doesNotContain("{{").doesNotContain("ClusterRole\"");
    assertThat(documents(rendered.toString()))
        .isEqualTo(
            documents(
                DeployManifests.yaml(
                    java.util.List.of(
                        DeployManifests.watchedNamespaceRole("team-a"),
                        DeployManifests.roleBinding("team-a", DeployManifests.NAME, "sealwright"),
                        DeployManifests.watchedNamespaceRole("team-b"),
                        DeployManifests.roleBinding(
                            "team-b", DeployManifests.NAME, "sealwright")))));
  }

  @SuppressWarnings("unchecked")
  private static java.util.List<Object> sorted(java.util.List<Object> docs) {
    java.util.List<Object> copy = new java.util.ArrayList<>(docs);
    copy.sort(
        java.util.Comparator.comparing(
            d -> {
              Map<String, Object> m = (Map<String, Object>) d;
              return m.get("kind") + "/" + ((Map<String, Object>) m.get("metadata")).get("name");
            }));
    return copy;
  }

  private static java.util.List<Object> documents(String yaml) {
    java.util.List<Object> docs = new java.util.ArrayList<>();
    new org.yaml.snakeyaml.Yaml().loadAll(yaml).forEach(docs::add);
    return docs;
  }

  @Test
  void crdInDeploy_isTheOneGeneratedFromTheApiClasses() {
    assertThat(DeployManifests.plainManifests(IMAGE).get("deploy/manifests/01-crd.yaml"))
        .contains("name: \"sealedsecrets.sealwright.dev\"")
        .isEqualTo(DeployManifests.crdYaml());
  }

  @Test
  void deployment_isHardened() {
    Deployment d = DeployManifests.deployment("ns", IMAGE, 2);
    var pod = d.getSpec().getTemplate().getSpec();
    var c = pod.getContainers().getFirst().getSecurityContext();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getContainers().getFirst().getArgs()).contains("--leader-election");
  }

  @Test
  void clusterRole_grantsNoSecretVerbBeyondTheDocumentedOnes() {
    var secretRules =
        DeployManifests.clusterRole().getRules().stream()
            .filter(r -> r.getResources().contains("secrets"))
            .map(PolicyRule::getVerbs)
            .toList();

    assertThat(secretRules)
        .singleElement()
        .satisfies(
            verbs ->
                assertThat(verbs)
                    .containsExactlyInAnyOrder(
                        "get", "list", "watch", "create", "update", "delete"));
    assertThat(DeployManifests.clusterRole().getRules())
        .noneMatch(r -> r.getVerbs().contains("*") || r.getResources().contains("*"));
  }
}
