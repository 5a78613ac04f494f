package dev.sealwright.cli.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.YamlDocuments;
import dev.sealwright.envelope.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KRM functions in-process, with ResourceLists written by hand: no kustomize involved. */
class KustomizeCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
  }

  static String seal(Scope scope, String item) throws Exception {
    return KustomizeFunctionIT.seal("v", scope, "prod", "db", item);
  }

  /** A generator's input as kustomize writes it: the functionConfig, also as the one item. */
  static String generatorInput(String body) {
    String config =
        """
          apiVersion: sealwright.dev/v1
          kind: SealedSecretGenerator
          metadata:
            name: db
            namespace: prod
            annotations:
              config.kubernetes.io/local-config: "true"
        %s"""
            .formatted(body.indent(2));
    return "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- "
        + config.stripLeading()
        + "functionConfig:\n"
        + config;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> onlyItem(String out) {
    Map<String, Object> root = (Map<String, Object>) YamlDocuments.loadTyped(out, "out").getFirst();
    List<Object> items = (List<Object>) root.get("items");
    assertThat(items).hasSize(1);
    return (Map<String, Object>) items.getFirst();
  }

  @Test
  void generate_namespaceScopeWithHash_asksKustomizeForTheHash() throws Exception {
    String envelope = seal(Scope.NAMESPACE, "password");
    Files.writeString(dir.resolve("db.sealed.env"), "# c\n\npassword=" + envelope + "\n");

    Cli.Result r =
        cli.stdin(generatorInput("envs: [db.sealed.env]\n")).run("kustomize", "generate");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Map<String, Object> item = onlyItem(r.out());
    assertThat(item).containsEntry("kind", "SealedSecret");
    assertThat((Map<String, Object>) item.get("metadata"))
        .containsEntry(
            "annotations", Map.of(Generator.NEEDS_HASH, "true", BoundPlace.ANNOTATION, "prod"));
    assertThat((Map<String, Object>) item.get("spec"))
        .containsEntry("scope", "namespace")
        .containsEntry("encryptedData", Map.of("password", envelope));
  }

  @Test
  void generate_notAResourceList_failsWithUsageAndAnErrorResult() {
    Cli.Result r = cli.stdin("kind: Deployment\n").run("kustomize", "generate");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: standard input is not a KRM ResourceList (apiVersion:"
                + " config.kubernetes.io/v1)\n");
    assertThat(r.out()).contains("\"severity\": \"error\"", "\"items\": []");
  }

  @Test
  void check_givenTheGeneratorsConfig_failsNamingTheKindItTakes() {
    Cli.Result r = cli.stdin(generatorInput("envs: [x.env]\n")).run("kustomize", "check");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: the functionConfig is not a sealwright.dev/v1"
                + " SealedSecretBindingCheck\n"
                + "sealwright: hint: 'sealwright kustomize check' takes apiVersion:"
                + " sealwright.dev/v1, kind: SealedSecretBindingCheck (docs/gitops.md#kustomize)\n");
  }

  @Test
  void generate_pathOutsideTheKustomization_isRefused() throws Exception {
    Path inside = Files.createDirectories(dir.resolve("k"));
    Files.writeString(dir.resolve("outside.env"), "a=" + seal(Scope.STRICT, "a") + "\n");

    Cli.Result r =
        Cli.in(inside)
            .stdin(generatorInput("envs: [../outside.env]\n"))
            .run("kustomize", "generate");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .contains("sealwright: error: ../outside.env is outside the kustomization's folder");
  }

  @Test
  void generate_itemsOfTwoScopes_failsNamingBoth() throws Exception {
    Files.writeString(
        dir.resolve("db.sealed.env"),
        "a=" + seal(Scope.STRICT, "a") + "\nb=" + seal(Scope.NAMESPACE, "b") + "\n");

    Cli.Result r =
        cli.stdin(generatorInput("envs: [db.sealed.env]\noptions: {disableNameSuffixHash: true}\n"))
            .run("kustomize", "generate");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "sealwright: error: db.sealed.env, line 2: item 'b' is sealed with scope namespace but"
                + " item 'a' with strict");
  }

  @Test
  void generate_mergeIntoAResource_keepsOtherResourcesTyped() throws Exception {
    String envelope = seal(Scope.STRICT, "b");
    Files.writeString(dir.resolve("b"), envelope);
    String config =
        """
          apiVersion: sealwright.dev/v1
          kind: SealedSecretGenerator
          metadata: {name: db, namespace: prod}
          files: [b]
          behavior: merge
        """;
    String input =
        """
        apiVersion: config.kubernetes.io/v1
        kind: ResourceList
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: app}
          spec:
            replicas: 3
            paused: false
            template: {spec: {containers: [{name: a, env: [{name: F, value: "yes"}, {name: N, value: "0123"}]}]}}
        - apiVersion: sealwright.dev/v1
          kind: SealedSecret
          metadata: {name: db, namespace: prod}
          spec:
            scope: strict
            encryptedData: {a: sw1:old}
        functionConfig:
        """
            + config;

    Cli.Result r = cli.stdin(input).run("kustomize", "generate");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "\"replicas\": 3",
            "\"paused\": false",
            "\"value\": \"yes\"",
            "\"value\": \"0123\"",
            "\"a\": \"sw1:old\"",
            "\"b\": \"" + envelope + "\"");
  }

  @Test
  void check_noRenames_answersWithItsInputByteForByte() {
    String input =
        """
        apiVersion: config.kubernetes.io/v1
        kind: ResourceList
        items:
        - apiVersion: sealwright.dev/v1
          kind: SealedSecret
          metadata:
            name: db
            namespace: prod
            annotations: {sealwright.dev/sealed-for: prod/db}
          spec: {scope: strict, encryptedData: {}}
        functionConfig: {apiVersion: sealwright.dev/v1, kind: SealedSecretBindingCheck, metadata: {name: c}}
        """;

    Cli.Result r = cli.stdin(input).run("kustomize", "check");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(input);
  }

  @Test
  void createOutputEnv_oneSecret_writesASealedEnvFile() {
    Cli.Result r =
        cli.ok(
            "create",
            "db",
            "-n",
            "prod",
            "--from-literal",
            "b=2",
            "--from-literal",
            "a=1",
            "-o",
            "env",
            "-R",
            "cluster.recipient",
            "-q");

    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("# sealed for prod/db, scope strict");
    assertThat(lines.get(1)).startsWith("a=sw1:strict::" + Fixtures.CLUSTER_KEY_ID + ":");
    assertThat(lines.get(2)).startsWith("b=sw1:strict::" + Fixtures.CLUSTER_KEY_ID + ":");
    Cli.Result merge =
        cli.run(
            "create",
            "db",
            "-n",
            "prod",
            "--from-literal",
            "a=1",
            "-o",
            "env",
            "--merge-into",
            "x.yaml",
            "-R",
            "cluster.recipient");
    assertThat(merge.exit()).isEqualTo(2);
    assertThat(merge.err())
        .startsWith("sealwright: error: -o env does not combine with --merge-into\n");
  }
}
