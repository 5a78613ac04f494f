package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.testing.DocSnippets;
import dev.sealwright.testing.KubesealInputs;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration from Bitnami Sealed Secrets in a cluster where the Bitnami controller v0.27.1 runs and
 * owns the Secret, following docs/migration.md: export its keys, {@code sealwright import
 * kubeseal}, apply, Sealwright adopts; delete the Bitnami object and stop its controller. A watch
 * on the Secret the whole time proves its data never disappears.
 */
@ExtendWith(KubeTestEnvironment.class)
class BitnamiMigrationIT {
  private static final ResourceDefinitionContext BITNAMI =
      new ResourceDefinitionContext.Builder()
          .withGroup("bitnami.com")
          .withVersion("v1alpha1")
          .withKind("SealedSecret")
          .withPlural("sealedsecrets")
          .withNamespaced(true)
          .build();

  @TempDir Path dir;

  /** Every byte value, and a text value. */
  private static Map<String, byte[]> values() {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    Map<String, byte[]> values = new TreeMap<>();
    values.put("blob", binary);
    values.put("password", "hunter2".getBytes(StandardCharsets.UTF_8));
    return values;
  }

  private static Map<String, String> base64(Map<String, byte[]> values) {
    Map<String, String> data = new TreeMap<>();
    values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v)));
    return data;
  }

  /** Records every change of one Secret; any deletion or other data is a violation. */
  private static final class SecretWatch implements Watcher<Secret> {
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> expected;

    SecretWatch(Map<String, String> expected) {
      this.expected = expected;
    }

    @Override
    public void eventReceived(Action action, Secret secret) {
      seen.add(action + " " + secret.getMetadata().getResourceVersion());
      if (action == Action.DELETED) {
        violations.add("the Secret was deleted at " + secret.getMetadata().getResourceVersion());
      } else if (!expected.equals(secret.getData())) {
        violations.add(action + " with other data at " + secret.getMetadata().getResourceVersion());
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      violations.add("the watch closed: " + cause.getMessage());
    }
  }

  /**
   * Runs snippet {@code name} of docs/migration.md as written, in {@code where}, with the test
   * cluster's kubectl and kubeconfig and {@code env} (the namespaces the snippets leave open).
   */
  private static void runSnippet(String name, Path where, Map<String, String> env)
      throws Exception {
    ProcessBuilder run =
        new ProcessBuilder(DocSnippets.page("migration.md").bashCommand(name))
            .directory(where.toFile())
            .redirectErrorStream(true);
    run.environment().put("KUBECONFIG", KubeTestEnvironment.kubeconfig().toString());
    run.environment().putAll(env);
    run.environment()
        .put("PATH", KubeTestEnvironment.kubectl().getParent() + ":" + System.getenv("PATH"));
    Process process = run.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(name).isTrue();
    assertThat(process.exitValue()).as(name + ":\n" + output).isZero();
  }

  private Path exportKeys(BitnamiController bitnami) throws Exception {
    // The snippet of docs/migration.md, run as written, with the controller's namespace.
    runSnippet("bitnami-export-keys", dir, Map.of("SEALED_SECRETS_NAMESPACE", bitnami.namespace));
    Path keys = dir.resolve("keys.pem");
    assertThat(Files.readString(keys)).contains("-----BEGIN RSA PRIVATE KEY-----");
    return keys;
  }

  /** {@code sealwright import kubeseal} as the snippet of docs/migration.md has it. */
  private CliRun importAsDocumented(Path repo) {
    String snippet = DocSnippets.page("migration.md").get("bitnami-import").strip();
    assertThat(snippet).startsWith("sealwright ").doesNotContain("\n");
    String[] words = snippet.substring("sealwright ".length()).split(" +");
    return CliRun.in(repo, words);
  }

  @Test
  void takeover_bitnamiOwnedSecret_neverDisappearsAndOutlivesTheBitnamiObject(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    Map<String, String> expected = base64(values());
    try (BitnamiController bitnami = BitnamiController.start(admin, ns.name(), dir);
        OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      // A SealedSecret made by the real kubeseal for the running controller, as users have them.
      KubesealInputs kubeseal =
          KubesealInputs.withCertificate(dir, bitnami.certificate(dir.resolve("tls.crt")));
      String bitnamiYaml = kubeseal.seal(ns.name(), "db", values(), "");
      Path repo = Files.createDirectories(dir.resolve("repo/apps"));
      Files.writeString(repo.resolve("db.yaml"), bitnamiYaml);
      GenericKubernetesResource applied =
          admin
              .genericKubernetesResources(BITNAMI)
              .inNamespace(ns.name())
              .resource(Serialization.unmarshal(bitnamiYaml, GenericKubernetesResource.class))
              .create();
      Secret byBitnami =
          Eventually.value(
              "the Bitnami controller's Secret (log: " + bitnami.log() + ")",
              TIMEOUT,
              () -> {
                Secret s = h.secret(ns.name(), "db");
                return s != null && expected.equals(s.getData()) ? s : null;
              });
      assertThat(byBitnami.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getApiVersion()).isEqualTo(WireNames.BITNAMI_API_VERSION));

      SecretWatch watch = new SecretWatch(expected);
      try (Watch w =
          admin
              .secrets()
              .inNamespace(ns.name())
              .withName("db")
              .withResourceVersion(byBitnami.getMetadata().getResourceVersion())
              .watch(watch)) {
        // 1. Export the controller's keys; 2. convert the repository.
        Path keys = exportKeys(bitnami);
        Files.move(keys, dir.resolve("repo/keys.pem"));
        Files.writeString(
            dir.resolve("repo/.sealwright.yaml"),
            "rules:\n  - recipients: [" + h.recipientsTxt().strip() + "]\n");
        CliRun converted = importAsDocumented(dir.resolve("repo"));
        assertThat(converted.code()).as(converted.out() + converted.err()).isZero();
        assertThat(converted.out()).contains("converted  apps/db.yaml (" + ns.name() + "/db)");

        // 3. Apply and wait for Ready, as docs/migration.md does; Sealwright takes the Secret
        // over in place.
        runSnippet("bitnami-apply", dir.resolve("repo"), Map.of("NAMESPACE", ns.name()));
        SealedSecret sealwright = h.awaitReason(ns.name(), "db", Conditions.UNSEALED);
        Secret adopted =
            Eventually.value(
                "the Secret owned by the Sealwright SealedSecret",
                TIMEOUT,
                () -> {
                  Secret s = h.secret(ns.name(), "db");
                  var refs = s.getMetadata().getOwnerReferences();
                  return refs.size() == 1
                          && sealwright.getMetadata().getUid().equals(refs.getFirst().getUid())
                      ? s
                      : null;
                });
        assertThat(adopted.getMetadata().getUid()).isEqualTo(byBitnami.getMetadata().getUid());

        // The Bitnami controller, made to look at its object again, leaves the Secret alone.
        admin
            .genericKubernetesResources(BITNAMI)
            .inNamespace(ns.name())
            .withName("db")
            .edit(
                r -> {
                  // Only a spec change makes the controller process the object again.
                  @SuppressWarnings("unchecked")
                  Map<String, Object> spec =
                      (Map<String, Object>) r.getAdditionalProperties().get("spec");
                  @SuppressWarnings("unchecked")
                  Map<String, Object> template = (Map<String, Object>) spec.get("template");
                  @SuppressWarnings("unchecked")
                  Map<String, Object> meta = (Map<String, Object>) template.get("metadata");
                  meta.put("labels", Map.of("touched", "1"));
                  return r;
                });
        Eventually.await(
            "the Bitnami controller's ErrUpdateFailed event",
            TIMEOUT,
            () ->
                admin.v1().events().inNamespace(ns.name()).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "ErrUpdateFailed".equals(e.getReason())
                                && "SealedSecret".equals(e.getInvolvedObject().getKind())
                                && applied
                                    .getMetadata()
                                    .getUid()
                                    .equals(e.getInvolvedObject().getUid())));
        assertThat(h.secret(ns.name(), "db").getMetadata().getOwnerReferences())
            .singleElement()
            .satisfies(o -> assertThat(o.getUid()).isEqualTo(sealwright.getMetadata().getUid()));

        // 4. Delete the Bitnami object. A canary it owns shows when the garbage collector has
        // acted on the deletion; the Secret must still be there then.
        OperatorHarness.deleteAndAwaitGarbageCollection(
            admin,
            ns.name(),
            new OwnerReferenceBuilder()
                .withApiVersion(WireNames.BITNAMI_API_VERSION)
                .withKind("SealedSecret")
                .withName("db")
                .withUid(applied.getMetadata().getUid())
                .build(),
            () -> {
              try {
                runSnippet("bitnami-delete", dir.resolve("repo"), Map.of("NAMESPACE", ns.name()));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
        // 5. Remove the controller.
        bitnami.stop();
        assertThat(bitnami.running()).isFalse();

        Secret after = h.secret(ns.name(), "db");
        assertThat(after.getData()).isEqualTo(expected);
        assertThat(after.getMetadata().getUid()).isEqualTo(byBitnami.getMetadata().getUid());
        assertThat(watch.violations).as("events seen: %s", watch.seen).isEmpty();
        assertThat(watch.seen).isNotEmpty();
      }
    }
  }
}
