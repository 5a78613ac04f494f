package dev.sealwright.cli.kustomize;

import static dev.sealwright.cli.kustomize.KustomizeFunctionIT.assertNoPlaintext;
import static dev.sealwright.cli.kustomize.KustomizeFunctionIT.clusterKeyring;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.gitops.ArgoCdPlugins;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.testing.DocSnippets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kustomize section of docs/gitops.md and "From KSOPS" of docs/migration.md, run as written
 * against the real kustomize (and sops for the migration).
 */
class KustomizeDocsIT {
  static final DocSnippets GITOPS = DocSnippets.page("gitops.md");
  static final DocSnippets MIGRATION = DocSnippets.page("migration.md");
  static final Map<String, String> VALUES =
      Map.of("DB_PASSWORD", "s3cr3t-from-docs", "DB_USER", "docs-user", "tls.key", "PEM-KEY-42\n");
  static final String DEPLOYMENT =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: prod\n";

  @TempDir Path dir;

  @BeforeEach
  void keys() throws Exception {
    Fixtures.keys(dir);
    Files.copy(dir.resolve("cluster.recipient"), dir.resolve("recipients.txt"));
  }

  private void ok(Path where, List<String> command, Map<String, String> env) {
    KustomizeBuild.Run r = KustomizeBuild.run(where, command, env);
    assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.err()).isZero();
  }

  private static SealedSecret sealedSecret(String rendered) {
    List<SealedSecret> all = SealedSecretReader.readSealedSecrets(rendered, "rendered.yaml");
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  private static String open(SealedSecret s, String item) throws Exception {
    return new String(
        Sealer.open(s.encryptedData().get(item), s.binding(item), clusterKeyring()).toByteArray(),
        StandardCharsets.UTF_8);
  }

  /** Steps 1 to 3 of docs/gitops.md#kustomize in {@code base}, a folder of {@code dir}. */
  private String renderGeneratorExample(Path base) throws Exception {
    Files.createDirectories(base);
    Files.copy(dir.resolve("recipients.txt"), base.resolve("recipients.txt"));
    Files.writeString(
        base.resolve("app.env"),
        "DB_PASSWORD=" + VALUES.get("DB_PASSWORD") + "\nDB_USER=" + VALUES.get("DB_USER") + "\n");
    Files.writeString(base.resolve("key.pem"), VALUES.get("tls.key"));
    Files.writeString(base.resolve("deployment.yaml"), DEPLOYMENT);
    ok(base, GITOPS.bashCommand("kustomize-seal"), Map.of());
    Files.delete(base.resolve("app.env"));
    Files.delete(base.resolve("key.pem"));
    Files.writeString(base.resolve("generator.yaml"), GITOPS.get("kustomize-generator"));
    Files.writeString(base.resolve("kustomization.yaml"), GITOPS.get("kustomize-kustomization"));
    ok(base, GITOPS.bashCommand("kustomize-build"), Map.of());
    return Files.readString(base.resolve("rendered.yaml"));
  }

  @Test
  void gitopsGenerator_asDocumented_rendersASealedSecretThatOpensToTheValues() throws Exception {
    String rendered = renderGeneratorExample(dir.resolve("base"));

    SealedSecret sealed = sealedSecret(rendered);
    assertThat(sealed.meta().displayName()).isEqualTo("prod/db");
    assertThat(sealed.encryptedData()).containsOnlyKeys(VALUES.keySet());
    for (Map.Entry<String, String> e : VALUES.entrySet()) {
      assertThat(open(sealed, e.getKey())).isEqualTo(e.getValue());
    }
    assertThat(sealed.template().labels()).containsEntry("app", "db");
    assertThat(sealed.template().type()).isEqualTo("Opaque");
    assertThat(rendered).contains("kind: Deployment");
    assertNoPlaintext(rendered, VALUES);
    assertThat(Files.readString(dir.resolve("base/db.sealed.env")))
        .startsWith("# sealed for prod/db, scope strict\nDB_PASSWORD=sw1:strict::")
        .doesNotContain(VALUES.get("DB_PASSWORD"));
  }

  /**
   * deploy/argocd/cmp-sealwright-kustomize.yaml's generate command, run as Argo CD's cmp-server
   * runs it: in the application's folder, its standard output the manifests.
   */
  @Test
  void argoCdPlugin_generateInTheAppFolder_rendersWhatKustomizeBuildDoes() throws Exception {
    Path base = dir.resolve("base");
    String direct = renderGeneratorExample(base);
    Files.delete(base.resolve("rendered.yaml"));

    // Through bash, so that kustomize is looked up on the PATH the run sets, as in the sidecar.
    List<String> generate = new java.util.ArrayList<>(List.of("bash", "-c", "exec \"$@\"", "run"));
    generate.addAll(ArgoCdPlugins.generate("cmp-sealwright-kustomize.yaml"));
    KustomizeBuild.Run r =
        KustomizeBuild.run(
            base, generate, Map.of("ARGOCD_APP_NAME", "app", "ARGOCD_APP_NAMESPACE", "prod"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(direct);
    assertNoPlaintext(r.out(), VALUES);
    assertThat(open(sealedSecret(r.out()), "DB_PASSWORD")).isEqualTo(VALUES.get("DB_PASSWORD"));
  }

  @Test
  void gitopsCheck_asDocumented_failsTheStagingOverlayThatMovesTheStrictSecret() throws Exception {
    renderGeneratorExample(dir.resolve("base"));
    Path staging = Files.createDirectories(dir.resolve("overlays/staging"));
    Files.writeString(staging.resolve("check.yaml"), GITOPS.get("kustomize-check"));
    Files.writeString(
        staging.resolve("kustomization.yaml"),
        "namespace: staging\nresources:\n- ../../base\ntransformers:\n- check.yaml\n");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "overlays/staging", Map.of());

    assertThat(r.exit()).isNotZero();
    String documented = GITOPS.get("kustomize-check-output");
    assertThat(r.err()).contains(documented.lines().skip(1).toList());
  }

  @Test
  void gitopsNameReferences_asDocumented_followTheHashedNameInTheDeployment() throws Exception {
    Path app = Files.createDirectories(dir.resolve("app"));
    Files.copy(dir.resolve("recipients.txt"), app.resolve("recipients.txt"));
    Files.writeString(app.resolve("app.env"), "DB_PASSWORD=" + VALUES.get("DB_PASSWORD") + "\n");
    KustomizeBuild.Run sealedEnv =
        KustomizeBuild.bash(
            app,
            "sealwright create db -n prod --scope namespace --from-env-file app.env -o env"
                + " -R recipients.txt -q > db.sealed.env && rm app.env",
            Map.of());
    assertThat(sealedEnv.exit()).as(sealedEnv.err()).isZero();
    Files.writeString(
        app.resolve("generator.yaml"),
        GITOPS
            .get("kustomize-generator")
            .replace("  disableNameSuffixHash: true", "  disableNameSuffixHash: false")
            .replace("  - tls.key=tls.key.sealed", ""));
    Files.writeString(
        app.resolve("sealedsecret-names.yaml"), GITOPS.get("kustomize-name-references"));
    Files.writeString(
        app.resolve("deployment.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app, namespace: prod}
        spec:
          template:
            spec:
              containers:
              - name: app
                image: example/app:1
                env:
                - name: DB_PASSWORD
                  valueFrom: {secretKeyRef: {name: db, key: DB_PASSWORD}}
                envFrom:
                - secretRef: {name: db}
              volumes:
              - name: db-volume
                secret: {secretName: db}
        """);
    Files.writeString(
        app.resolve("kustomization.yaml"),
        GITOPS.get("kustomize-kustomization") + "configurations:\n  - sealedsecret-names.yaml\n");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "app", Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    SealedSecret sealed = sealedSecret(r.out());
    String hashed = sealed.meta().name();
    assertThat(hashed).matches("db-[a-z0-9]{10}");
    assertThat(open(sealed, "DB_PASSWORD")).isEqualTo(VALUES.get("DB_PASSWORD"));
    assertThat(r.out())
        .contains("name: " + hashed + "\n", "secretName: " + hashed + "\n")
        .doesNotContain("name: db\n");
  }

  @Test
  void gitopsDecrypt_asDocumented_rendersTheSecretWithByteExactValues() throws Exception {
    renderGeneratorExample(dir.resolve("base"));
    Path decrypted = Files.createDirectories(dir.resolve("decrypted"));
    for (String f : List.of("db.sealed.env", "tls.key.sealed")) {
      Files.copy(dir.resolve("base").resolve(f), decrypted.resolve(f));
    }
    Files.writeString(
        decrypted.resolve("generator.yaml"), GITOPS.get("kustomize-generator") + "decrypt: true\n");
    Files.writeString(decrypted.resolve("kustomization.yaml"), "generators:\n- generator.yaml\n");
    Files.copy(dir.resolve("cluster.txt"), dir.resolve("cluster-key.txt"));

    KustomizeBuild.Run r =
        KustomizeBuild.run(dir, GITOPS.bashCommand("kustomize-decrypt"), Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("kind: Secret\n", "  name: db\n", "  namespace: prod\n");
    for (Map.Entry<String, String> e : VALUES.entrySet()) {
      String b64 =
          Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8));
      assertThat(r.out()).contains("\n  " + e.getKey() + ": " + b64 + "\n");
    }
  }

  @Test
  void fromKsops_asDocumented_replacesTheGeneratorWithASealedSecretOfTheSameValues()
      throws Exception {
    KustomizeBuild.withSops(dir);
    Map<String, String> sopsEnv =
        Map.of("SOPS_AGE_KEY_FILE", dir.resolve("classic.txt").toString());
    Files.writeString(
        dir.resolve("secret.yaml"),
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          namespace: prod
        type: Opaque
        stringData:
          password: ksops-pass-1
          token: ksops-token-2
        """);
    Files.writeString(
        dir.resolve("secret-generator.yaml"),
        """
        apiVersion: viaduct.ai/v1
        kind: ksops
        metadata:
          name: secret-generator
        files:
          - ./secret.enc.yaml
        """);
    Files.writeString(dir.resolve("deployment.yaml"), DEPLOYMENT);
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "resources:\n  - deployment.yaml\ngenerators:\n  - secret-generator.yaml\n");
    String recipient = Files.readString(dir.resolve("classic.recipient")).strip();
    String setup =
        String.join(
            "\n",
            "sops encrypt --age " + recipient + " secret.yaml > secret.enc.yaml",
            "rm secret.yaml",
            "git init -q . && git config user.email t@example.org && git config user.name t",
            "git add kustomization.yaml secret-generator.yaml secret.enc.yaml deployment.yaml",
            "git commit -qm ksops");
    ok(dir, List.of("bash", "-euo", "pipefail", "-c", setup), sopsEnv);

    ok(dir, MIGRATION.bashCommand("ksops-seal"), sopsEnv);
    ok(dir, MIGRATION.bashCommand("ksops-swap"), Map.of());

    String rendered = Files.readString(dir.resolve("rendered.yaml"));
    SealedSecret sealed = sealedSecret(rendered);
    assertThat(sealed.meta().displayName()).isEqualTo("prod/db");
    assertThat(open(sealed, "password")).isEqualTo("ksops-pass-1");
    assertThat(open(sealed, "token")).isEqualTo("ksops-token-2");
    assertNoPlaintext(rendered, Map.of("a", "ksops-pass-1", "b", "ksops-token-2"));
    assertThat(Files.readString(dir.resolve("kustomization.yaml")))
        .doesNotContain("generators")
        .contains("- secret.sealed.yaml");
    assertThat(dir.resolve("secret.enc.yaml")).doesNotExist();
  }
}
