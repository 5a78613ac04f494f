package dev.sealwright.operator.deploy;

import static dev.sealwright.operator.deploy.DeployManifests.HEADER;
import static dev.sealwright.operator.deploy.DeployManifests.IMAGE;
import static dev.sealwright.operator.deploy.DeployManifests.NAME;
import static dev.sealwright.operator.deploy.DeployManifests.NS;
import static dev.sealwright.operator.deploy.DeployManifests.REPLICAS;
import static dev.sealwright.operator.deploy.DeployManifests.clusterRole;
import static dev.sealwright.operator.deploy.DeployManifests.clusterRoleBinding;
import static dev.sealwright.operator.deploy.DeployManifests.crdYaml;
import static dev.sealwright.operator.deploy.DeployManifests.install;
import static dev.sealwright.operator.deploy.DeployManifests.roleBinding;
import static dev.sealwright.operator.deploy.DeployManifests.watchedNamespaceRole;
import static dev.sealwright.operator.deploy.DeployManifests.yaml;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy/helm/sealwright-operator: the objects of {@link DeployManifests} rendered with sentinel
 * values, which are then replaced by Helm expressions, so the chart cannot say anything the plain
 * manifests do not.
 */
final class HelmChart {
  private HelmChart() {}

  static final String WATCHED = "__WATCHED_NAMESPACE__";

  /**
   * The RBAC that depends on {@code watchNamespaces}: a Role per watched namespace when it is set
   * (the namespaced install RbacIT runs under), else the ClusterRole.
   */
  static String rbacScope() {
    String perNamespace =
        yaml(List.of(watchedNamespaceRole(WATCHED), roleBinding(WATCHED, NAME, NS)))
            .replace("\"" + WATCHED + "\"", "{{ . | quote }}")
            .replace("\"" + NS + "\"", "{{ $.Release.Namespace | quote }}");
    String clusterWide =
        yaml(List.of(clusterRole(), clusterRoleBinding(NS)))
            .replace("\"" + NS + "\"", "{{ .Release.Namespace | quote }}");
    return HEADER
        + "{{- if .Values.watchNamespaces }}\n"
        + "{{- range .Values.watchNamespaces }}\n"
        + perNamespace
        + "{{- end }}\n"
        + "{{- else }}\n"
        + clusterWide
        + "{{- end }}\n";
  }

  static Map<String, String> files(String version) {
    List<HasMetadata> rest = new ArrayList<>(install(NS, IMAGE, REPLICAS));
    rest.removeIf(o -> o.getKind().startsWith("ClusterRole"));
    String templated =
        yaml(rest)
            .replace("\"" + NS + "\"", "{{ .Release.Namespace | quote }}")
            .replace(NS, "{{ .Release.Namespace }}")
            .replace(
                "\"" + IMAGE + "\"",
                "\"{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}\"")
            .replace(Integer.toString(REPLICAS), "{{ .Values.replicas }}")
            .replace("\"--workers=16\"", "\"--workers={{ .Values.workers }}\"")
            .replace(
                "        - \"--rotation-period=P30D\"\n",
                "        - \"--rotation-period={{ .Values.rotationPeriod }}\"\n"
                    + "        {{- with .Values.watchNamespaces }}\n"
                    + "        - \"--watch-namespaces={{ join \",\" . }}\"\n"
                    + "        {{- end }}\n");
    Map<String, String> files = new LinkedHashMap<>();
    String dir = "deploy/helm/sealwright-operator/";
    files.put(
        dir + "Chart.yaml",
        HEADER
            + "apiVersion: v2\nname: sealwright-operator\ndescription: Sealwright operator: SealedSecrets"
            + " become Secrets; the cluster owns its keys\ntype: application\nversion: "
            + version
            + "\nappVersion: \""
            + version
            + "\"\n");
    files.put(
        dir + "values.yaml",
        HEADER
            + "image:\n  repository: ghcr.io/sealwright/sealwright-operator\n  tag: \"\"\n"
            + "replicas: 2\nworkers: 16\nrotationPeriod: P30D\n"
            + "# Empty: reconcile SealedSecrets in every namespace (ClusterRole). Set: only these"
            + " namespaces,\n# with a Role in each and no access to Secrets anywhere else. See"
            + " docs/operator.md.\n"
            + "watchNamespaces: []\n");
    files.put(dir + "crds/sealedsecrets.sealwright.dev-v1.yml", crdYaml());
    files.put(dir + "templates/operator.yaml", HEADER + templated);
    files.put(dir + "templates/rbac-scope.yaml", rbacScope());
    return files;
  }
}
