package dev.sealwright.operator.deploy;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one source of the install: RBAC, ServiceAccount, Deployment and Service as objects. The plain
 * manifests under deploy/manifests and the Helm chart under deploy/helm are rendered from it
 * ({@link DeployManifestsTest} fails when they drift), and the RBAC *IT test runs the operator
 * under exactly these rules. Every rule says why it is there.
 */
public final class DeployManifests {
  public static final String NAME = "sealwright-operator";
  static final String LEASE = "sealwright-operator";
  // Sorted, so the generated files are byte-identical from run to run (Map.of order is not).
  static final Map<String, String> LABELS =
      new java.util.TreeMap<>(
          Map.of("app.kubernetes.io/name", NAME, "app.kubernetes.io/part-of", "sealwright"));

  // Sentinels replaced by Helm expressions when the chart is rendered.
  static final String NS = "__NAMESPACE__";
  static final String IMAGE = "__IMAGE__";
  static final int REPLICAS = 987_654;

  private DeployManifests() {}

  private static PolicyRule rule(String group, String resource, String... verbs) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resource)
        .withVerbs(verbs)
        .build();
  }

  private static PolicyRule named(String group, String resource, String name, String... verbs) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resource)
        .withResourceNames(name)
        .withVerbs(verbs)
        .build();
  }

  /** Rules for reconciling SealedSecrets into Secrets, cluster-wide or in one namespace. */
  static List<PolicyRule> reconcileRules() {
    return List.of(
        // Read the SealedSecrets to reconcile (informer: list + watch; get on conflicts).
        rule("sealwright.dev", "sealedsecrets", "get", "list", "watch"),
        // Write the Ready condition; nothing else of a SealedSecret is ever changed.
        rule("sealwright.dev", "sealedsecrets/status", "patch", "update"),
        // Secrets: watch the ones we manage (RBAC cannot filter by label, so list+watch), get a
        // Secret of the same name to detect conflicts, create and update the generated Secret,
        // delete it only to recreate it when its type changes or it is immutable.
        rule("", "secrets", "get", "list", "watch", "create", "update", "delete"),
        // Record Events with the documented reasons.
        rule("", "events", "create", "patch"));
  }

  /** The ClusterRole of the default, cluster-wide install. */
  public static ClusterRole clusterRole() {
    return new ClusterRoleBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(LABELS)
        .endMetadata()
        .withRules(reconcileRules())
        .build();
  }

  /** A Role granting the reconcile rules in one watched namespace (namespaced install). */
  public static Role watchedNamespaceRole(String namespace) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .withRules(reconcileRules())
        .build();
  }

  /** What the operator needs in its own namespace: its keys, the public ConfigMap, the Lease. */
  public static Role operatorNamespaceRole(String namespace) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .withRules(
            // Key Secrets: watched to pick up added, disabled and removed keys; created on
            // rotation. (Covered by the ClusterRole in a cluster-wide install; needed when
            // namespaced.)
            rule("", "secrets", "get", "list", "watch", "create"),
            // The public-keys ConfigMap: create once (create cannot be limited by name) ...
            rule("", "configmaps", "create"),
            // ... then read and update only that one.
            named("", "configmaps", WireNames.PUBLIC_KEYS_CONFIGMAP, "get", "update"),
            // Leader election: create the Lease once, then read and renew only it.
            rule("coordination.k8s.io", "leases", "create"),
            named("coordination.k8s.io", "leases", LEASE, "get", "update"))
        .build();
  }

  /** Every authenticated user may read the public keys, and nothing else here. */
  public static Role publicKeysReaderRole(String namespace) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName("sealwright-public-keys-reader")
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .withRules(named("", "configmaps", WireNames.PUBLIC_KEYS_CONFIGMAP, "get"))
        .build();
  }

  public static HasMetadata roleBinding(String namespace, String role, String saNamespace) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(role)
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", role)
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(NAME)
        .withNamespace(saNamespace)
        .endSubject()
        .build();
  }

  public static HasMetadata publicKeysBinding(String namespace) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName("sealwright-public-keys-reader")
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "sealwright-public-keys-reader")
        .addNewSubject()
        .withKind("Group")
        .withApiGroup("rbac.authorization.k8s.io")
        .withName("system:authenticated")
        .endSubject()
        .build();
  }

  static HasMetadata clusterRoleBinding(String saNamespace) {
    return new ClusterRoleBindingBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(LABELS)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", NAME)
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(NAME)
        .withNamespace(saNamespace)
        .endSubject()
        .build();
  }

  public static HasMetadata serviceAccount(String namespace) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .build();
  }

  static Deployment deployment(String namespace, String image, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app.kubernetes.io/name", NAME))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(LABELS)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(NAME)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65532L)
        .withRunAsGroup(65532L)
        .withFsGroup(65532L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("operator")
        .withImage(image)
        .withArgs("--leader-election", "--workers=16", "--rotation-period=P30D")
        .addNewEnv()
        .withName("SEALWRIGHT_NAMESPACE")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.namespace")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewEnv()
        .withName("POD_NAME")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.name")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewEnv()
        .withName("JAVA_TOOL_OPTIONS")
        .withValue("-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError")
        .endEnv()
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .withNewLivenessProbe()
        .withNewHttpGet()
        .withPath("/healthz")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(10)
        .endLivenessProbe()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/readyz")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(5)
        .endReadinessProbe()
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("384Mi"))
        .addToLimits("memory", new Quantity("768Mi"))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .withTerminationGracePeriodSeconds(30L)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static HasMetadata metricsService(String namespace) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(NAME + "-metrics")
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .withNewSpec()
        .withSelector(Map.of("app.kubernetes.io/name", NAME))
        .addNewPort()
        .withName("http")
        .withPort(8080)
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .endSpec()
        .build();
  }

  /** The generated CRD from the api module's build. */
  static String crdYaml() {
    try (InputStream in = SealedSecret.class.getResourceAsStream(SealedSecret.CRD_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The install's objects besides the CRD, in apply order, for one namespace. */
  static List<HasMetadata> install(String namespace, String image, int replicas) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(namespace));
    objects.add(clusterRole());
    objects.add(clusterRoleBinding(namespace));
    objects.add(operatorNamespaceRole(namespace));
    objects.add(roleBinding(namespace, NAME, namespace));
    objects.add(publicKeysReaderRole(namespace));
    objects.add(publicKeysBinding(namespace));
    objects.add(deployment(namespace, image, replicas));
    objects.add(metricsService(namespace));
    return objects;
  }

  static String yaml(List<HasMetadata> objects) {
    StringBuilder sb = new StringBuilder();
    for (HasMetadata o : objects) {
      String y = Serialization.asYaml(o);
      sb.append(y.startsWith("---") ? y : "---\n" + y);
    }
    return sb.toString();
  }

  static final String HEADER =
      "# Generated by operator/src/test/java/dev/sealwright/operator/deploy/DeployManifests.java;"
          + " do not edit.\n# Regenerate: ./mvnw -B -pl operator test -Dtest=DeployManifestsTest"
          + " -Dsealwright.deploy.write=true\n";

  /** deploy/manifests/*.yaml for namespace sealwright. */
  static Map<String, String> plainManifests(String image) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "deploy/manifests/00-namespace.yaml",
        HEADER
            + yaml(
                List.of(
                    new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("sealwright")
                        .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted"))
                        .endMetadata()
                        .build())));
    files.put("deploy/manifests/01-crd.yaml", crdYaml());
    files.put("deploy/manifests/02-operator.yaml", HEADER + yaml(install("sealwright", image, 2)));
    return files;
  }

  /** deploy/helm/sealwright-operator/**: the same objects with Helm expressions for the knobs. */
}
