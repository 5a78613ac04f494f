package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.operator.deploy.Helm;
import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.testing.DocSnippets;
import dev.sealwright.testing.TestPeers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health rules of docs/gitops.md, evaluated by the libraries Argo CD and Flux themselves use
 * (testpeers/gitops-health: gopher-lua set up as Argo CD sets it up, Flux's kstatus fork and its
 * CEL status reader) on SealedSecrets in every state the real operator puts them in. The Argo CD
 * script is installed with the page's own command and read back from the ConfigMap; the Flux
 * expressions are read from the page's Kustomization.
 */
@ExtendWith(KubeTestEnvironment.class)
class GitOpsHealthIT {
  private static final String ARGOCD_KEY =
      "resource.customizations.health.sealwright.dev_SealedSecret";

  @TempDir static Path work;
  private static Path argocdScript;
  private static Path fluxChecks;

  /** Installs the health check into argocd/argocd-cm with the docs' command, as a user would. */
  @BeforeAll
  static void installHealthChecks(KubernetesClient admin) throws IOException {
    if (admin.namespaces().withName("argocd").get() == null) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build())
          .create();
    }
    admin
        .configMaps()
        .inNamespace("argocd")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("argocd-cm")
                .endMetadata()
                .addToData("url", "https://argocd.example")
                .build())
        .createOr(c -> c.update());
    ProcessBuilder patch =
        new ProcessBuilder(DocSnippets.page("gitops.md").bashCommand("argocd-health"))
            .directory(Helm.repoRoot().toFile());
    patch.environment().put("KUBECONFIG", KubeTestEnvironment.kubeconfig().toString());
    patch
        .environment()
        .put(
            "PATH",
            KubeTestEnvironment.kubectl().getParent() + ":" + patch.environment().get("PATH"));
    ChildProcesses.run(patch, new byte[0], Duration.ofMinutes(1)).requireSuccess();

    ConfigMap cm = admin.configMaps().inNamespace("argocd").withName("argocd-cm").get();
    assertThat(cm.getData()).as("a merge patch keeps the other keys").containsKey("url");
    argocdScript = Files.writeString(work.resolve("health.lua"), cm.getData().get(ARGOCD_KEY));

    String kustomization =
        DocSnippets.page("gitops.md").get("flux-kustomizations").split("\n---\n", 2)[0];
    Map<?, ?> spec = (Map<?, ?>) Serialization.unmarshal(kustomization, Map.class).get("spec");
    fluxChecks =
        Files.writeString(
            work.resolve("checks.json"), Serialization.asJson(spec.get("healthCheckExprs")));
  }

  @Test
  void everyStateTheOperatorWrites_readTheSameByArgoCdAndFlux(
      KubernetesClient admin, TestNamespace ns) throws IOException {
    String full = OperatorHarness.newNamespace(admin, "t-full-");
    String unwatched = OperatorHarness.newNamespace(admin, "t-unwatched-");
    try {
      NoNewSecrets.install(admin, full);
      try (OperatorHarness h =
          OperatorHarness.start(
              admin, null, b -> b.watchNamespaces(java.util.Set.of(ns.name(), full)))) {
        SealedSecret db = h.sealWithCli(ns.name(), "db", Map.of("pw", "s3cr3t"));
        h.apply(db);
        h.apply(copyOf(db, ns.name(), "moved"));
        h.apply(h.sealWithCli(full, "quota", Map.of("pw", "s3cr3t")));

        h.awaitReason(ns.name(), "db", Conditions.UNSEALED);
        h.awaitReason(ns.name(), "moved", Conditions.BINDING_MISMATCH);
        h.awaitReason(full, "quota", Conditions.WRITE_FAILED);

        assertHealth(raw(admin, ns.name(), "db"), "Healthy", "Current", "Current", "Unsealed: ");
        assertHealth(
            raw(admin, ns.name(), "moved"), "Degraded", "Failed", "Failed", "BindingMismatch: ");
        assertHealth(
            raw(admin, full, "quota"), "Progressing", "InProgress", "InProgress", "WriteFailed: ");

        // A change the operator has not seen yet: it is stopped.
        h.operator.close();
        SealedSecret edited =
            h.edit(
                ns.name(),
                "db",
                ss ->
                    ss.getSpec()
                        .getEncryptedData()
                        .put("extra", db.getSpec().getEncryptedData().get("pw")));
        assertThat(edited.getMetadata().getGeneration())
            .isGreaterThan(edited.getStatus().getObservedGeneration());
        assertHealth(raw(admin, ns.name(), "db"), "Progressing", "InProgress", "InProgress", "");

        // An object no operator has reconciled: no status at all. kstatus calls it Current,
        // which is why the docs give Flux healthCheckExprs (their evaluation fails: Unknown).
        h.apply(copyOf(db, unwatched, "db"));
        Map<String, Object> fresh = raw(admin, unwatched, "db");
        assertThat(fresh).doesNotContainKey("status");
        assertThat(check("argocd-lua", argocdScript, fresh).get("status")).isEqualTo("Progressing");
        assertThat(check("kstatus", null, fresh).get("status")).isEqualTo("Current");
        assertThat(check("flux-cel", fluxChecks, fresh).get("status")).isEqualTo("Unknown");
      }
    } finally {
      admin.namespaces().withName(full).delete();
      admin.namespaces().withName(unwatched).delete();
    }
  }

  /**
   * Asserts the three verdicts, and that the Argo CD message starts with {@code messagePrefix} (the
   * Ready reason) and no verdict carries the plaintext.
   */
  private static void assertHealth(
      Map<String, Object> object,
      String argocd,
      String kstatus,
      String fluxCel,
      String messagePrefix)
      throws IOException {
    Map<String, String> lua = check("argocd-lua", argocdScript, object);
    Map<String, String> ks = check("kstatus", null, object);
    Map<String, String> cel = check("flux-cel", fluxChecks, object);
    String name = ((Map<?, ?>) object.get("metadata")).get("name").toString();
    assertThat(lua.get("status")).as("Argo CD health of " + name).isEqualTo(argocd);
    assertThat(lua.get("message")).startsWith(messagePrefix);
    assertThat(ks.get("status")).as("kstatus of " + name).isEqualTo(kstatus);
    assertThat(cel.get("status")).as("Flux healthCheckExprs of " + name).isEqualTo(fluxCel);
    for (Map<String, String> verdict : List.of(lua, ks, cel)) {
      assertThat(verdict.get("message")).doesNotContain("s3cr3t");
    }
  }

  /** Runs testpeers/gitops-health on {@code object} and returns its verdict. */
  private static Map<String, String> check(String kind, Path rules, Map<String, Object> object)
      throws IOException {
    Path objectFile = Files.createTempFile(work, "object", ".json");
    Files.writeString(objectFile, Serialization.asJson(object));
    List<String> command =
        rules == null
            ? List.of(healthTool(), kind, objectFile.toString())
            : List.of(healthTool(), kind, rules.toString(), objectFile.toString());
    ChildProcesses.Result r = ChildProcesses.run(Duration.ofMinutes(1), command).requireSuccess();
    @SuppressWarnings("unchecked")
    Map<String, String> verdict = Serialization.unmarshal(r.stdout(), Map.class);
    return verdict;
  }

  private static String healthTool() {
    return TestPeers.dir().resolve("bin/gitops-health").toString();
  }

  /** The object exactly as the API server stores it (no typed model drops a field). */
  private static Map<String, Object> raw(KubernetesClient admin, String namespace, String name) {
    GenericKubernetesResource r =
        admin
            .genericKubernetesResources("sealwright.dev/v1", "SealedSecret")
            .inNamespace(namespace)
            .withName(name)
            .get();
    @SuppressWarnings("unchecked")
    Map<String, Object> map = Serialization.unmarshal(Serialization.asJson(r), LinkedHashMap.class);
    return map;
  }

  private static SealedSecret copyOf(SealedSecret sealed, String namespace, String name) {
    SealedSecret copy = new SealedSecret();
    copy.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    copy.setSpec(Serialization.clone(sealed.getSpec()));
    return copy;
  }
}
