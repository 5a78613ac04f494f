package dev.sealwright.cli.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sealwright kustomize generate} and {@code check} run by the real kustomize ({@code
 * kustomize build --enable-alpha-plugins --enable-exec}) on overlays in a temporary folder, with
 * envelopes sealed by core's {@link Sealer} in the test.
 */
class KustomizeFunctionIT {
  static final Map<String, String> PLAIN =
      Map.of("password", "hunter2-kustomize", "username", "app-user-7", "tls.key", "KEY-BYTES-93");

  @TempDir Path dir;

  @BeforeEach
  void keys() {
    Fixtures.keys(dir);
  }

  static String seal(String value, Scope scope, String namespace, String name, String item)
      throws Exception {
    Binding binding =
        Binding.builder()
            .scope(scope)
            .namespace(scope == Scope.CLUSTER ? null : namespace)
            .name(scope == Scope.STRICT ? name : null)
            .item(item)
            .build();
    return Sealer.seal(
        SecretBytes.adopt(value.getBytes(StandardCharsets.UTF_8)),
        binding,
        List.of(AgeKeys.parseRecipient(Fixtures.recipient("cluster").strip())));
  }

  static String generator(String name, String body) {
    return """
        apiVersion: sealwright.dev/v1
        kind: SealedSecretGenerator
        metadata:
          name: %s
          namespace: prod
          annotations:
            config.kubernetes.io/function: |
              exec:
                path: sealwright
                args: [kustomize, generate]
        %s"""
        .formatted(name, body);
  }

  static final String CHECK =
      """
      apiVersion: sealwright.dev/v1
      kind: SealedSecretBindingCheck
      metadata:
        name: bindings
        annotations:
          config.kubernetes.io/function: |
            exec:
              path: sealwright
              args: [kustomize, check]
      """;

  void write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** A base generating SealedSecret prod/db from an env file and two sealed files. */
  Map<String, String> base(Scope scope, String options) throws Exception {
    Map<String, String> envelopes = new TreeMap<>();
    for (String item : PLAIN.keySet()) {
      envelopes.put(item, seal(PLAIN.get(item), scope, "prod", "db", item));
    }
    write(
        "base/db.sealed.env",
        "# sealed for prod/db\n\npassword="
            + envelopes.get("password")
            + "\n"
            + "  # indented comment\nusername="
            + envelopes.get("username")
            + "\n");
    write("base/secrets/tls.key", envelopes.get("tls.key") + "\n");
    write(
        "base/generator.yaml",
        generator("db", "envs:\n- db.sealed.env\nfiles:\n- secrets/tls.key\n" + options));
    write("base/kustomization.yaml", "generators:\n- generator.yaml\n");
    return envelopes;
  }

  static SealedSecret only(String yaml) {
    List<SealedSecret> all = SealedSecretReader.readSealedSecrets(yaml, "kustomize output");
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  static void assertNoPlaintext(String output, Map<String, String> plain) {
    for (String value : plain.values()) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      assertThat(output)
          .doesNotContain(value)
          .doesNotContain(Base64.getEncoder().encodeToString(bytes))
          .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
  }

  static Keyring clusterKeyring() throws Exception {
    return Keyring.of(AgeKeys.parseIdentities(Fixtures.resource("keys/cluster.txt")));
  }

  @Test
  void generate_envFileAndFiles_writesTheEnvelopesByteExactAndNoPlaintext() throws Exception {
    Map<String, String> envelopes = base(Scope.STRICT, "options:\n  disableNameSuffixHash: true\n");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "base", Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    SealedSecret sealed = only(r.out());
    assertThat(sealed.meta().displayName()).isEqualTo("prod/db");
    assertThat(sealed.scope()).isEqualTo(Scope.STRICT);
    assertThat(sealed.encryptedData()).isEqualTo(envelopes);
    assertThat(sealed.meta().annotations()).containsEntry(BoundPlace.ANNOTATION, "prod/db");
    assertNoPlaintext(r.out() + r.err(), PLAIN);
    // The operator's check: every item opens with the binding of the object as rendered.
    for (String item : PLAIN.keySet()) {
      SecretBytes opened =
          Sealer.open(sealed.encryptedData().get(item), sealed.binding(item), clusterKeyring());
      assertThat(new String(opened.toByteArray(), StandardCharsets.UTF_8))
          .isEqualTo(PLAIN.get(item));
    }
  }

  @Test
  void generate_namespaceScopeWithHash_appendsKustomizeHashAndStillOpens() throws Exception {
    Map<String, String> envelopes = base(Scope.NAMESPACE, "");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "base", Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    SealedSecret sealed = only(r.out());
    assertThat(sealed.meta().name()).matches("db-[a-z0-9]{10}");
    assertThat(sealed.meta().annotations())
        .containsEntry(BoundPlace.ANNOTATION, "prod")
        .doesNotContainKey(Generator.NEEDS_HASH);
    assertThat(sealed.encryptedData()).isEqualTo(envelopes);
    assertNoPlaintext(r.out(), PLAIN);
    SecretBytes opened =
        Sealer.open(
            sealed.encryptedData().get("password"), sealed.binding("password"), clusterKeyring());
    assertThat(opened.toByteArray())
        .isEqualTo(PLAIN.get("password").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void generate_strictScopeWithHash_failsWithOneClearError() throws Exception {
    base(Scope.STRICT, "");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "base", Map.of());

    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "sealwright: error: SealedSecret prod/db: its values have scope strict, which binds the"
                + " name, and kustomize's name-suffix hash would rename it",
            "sealwright: hint: set options.disableNameSuffixHash: true, or seal the values with"
                + " --scope namespace");
  }

  @Test
  void generate_namePrefixInItsKustomization_failsBeforeWriting() throws Exception {
    base(Scope.STRICT, "options:\n  disableNameSuffixHash: true\n");
    write("base/kustomization.yaml", "namePrefix: dev-\ngenerators:\n- generator.yaml\n");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "base", Map.of());

    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "sealwright: error: SealedSecret prod/db: its values have scope strict, which binds"
                + " the namespace and name, but namePrefix 'dev-' in kustomization.yaml changes it");
  }

  @Test
  void check_overlayNamespaceAndPrefix_failsNamingEachRenamedObject() throws Exception {
    base(Scope.STRICT, "options:\n  disableNameSuffixHash: true\n");
    write("staging/check.yaml", CHECK);
    write(
        "staging/kustomization.yaml",
        "namespace: staging\nresources:\n- ../base\ntransformers:\n- check.yaml\n");
    write("renamed/check.yaml", CHECK);
    write(
        "renamed/kustomization.yaml",
        "namePrefix: eu-\nresources:\n- ../base\ntransformers:\n- check.yaml\n");

    KustomizeBuild.Run moved = KustomizeBuild.build(dir, "staging", Map.of());
    KustomizeBuild.Run renamed = KustomizeBuild.build(dir, "renamed", Map.of());

    assertThat(moved.exit()).isNotZero();
    assertThat(moved.out()).isEmpty();
    assertThat(moved.err())
        .contains(
            "sealwright: error: 1 SealedSecret(s) renamed after sealing, which the operator would"
                + " refuse: staging/db has values of scope strict sealed for prod/db, now"
                + " staging/db");
    assertThat(renamed.exit()).isNotZero();
    assertThat(renamed.err()).contains("prod/eu-db has values of scope strict sealed for prod/db");
  }

  @Test
  void check_namespaceScopeRenamedByPrefix_passesEverythingThroughUnchanged() throws Exception {
    Map<String, String> envelopes =
        base(Scope.NAMESPACE, "options:\n  disableNameSuffixHash: true\n");
    write(
        "base/deploy.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          replicas: 3
          template:
            spec:
              containers:
              - name: app
                image: example/app:1
                env:
                - name: FLAG
                  value: "yes"
        """);
    write("base/kustomization.yaml", "generators:\n- generator.yaml\nresources:\n- deploy.yaml\n");
    write("renamed/check.yaml", CHECK);
    write(
        "renamed/kustomization.yaml",
        "namePrefix: eu-\nresources:\n- ../base\ntransformers:\n- check.yaml\n");
    write("plain/kustomization.yaml", "namePrefix: eu-\nresources:\n- ../base\n");

    KustomizeBuild.Run checked = KustomizeBuild.build(dir, "renamed", Map.of());
    KustomizeBuild.Run plain = KustomizeBuild.build(dir, "plain", Map.of());

    assertThat(checked.exit()).as(checked.err()).isZero();
    assertThat(checked.out()).isEqualTo(plain.out());
    assertThat(only(checked.out()).encryptedData()).isEqualTo(envelopes);
    assertThat(checked.out()).contains("  replicas: 3\n", "value: \"yes\"");
  }

  @Test
  void merge_asTransformer_addsItemsToTheBaseSealedSecretKeepingTheOthers() throws Exception {
    Map<String, String> envelopes = base(Scope.STRICT, "options:\n  disableNameSuffixHash: true\n");
    String apiKey = seal("api-key-value-5", Scope.STRICT, "prod", "db", "api-key");
    String newPassword = seal("new-password-6", Scope.STRICT, "prod", "db", "password");
    write("overlay/api-key", apiKey);
    write("overlay/password.sealed", newPassword);
    write(
        "overlay/merge.yaml",
        generator("db", "files:\n- api-key\n- password=password.sealed\nbehavior: merge\n"));
    write("overlay/kustomization.yaml", "resources:\n- ../base\ntransformers:\n- merge.yaml\n");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "overlay", Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, String> expected = new TreeMap<>(envelopes);
    expected.put("api-key", apiKey);
    expected.put("password", newPassword);
    assertThat(only(r.out()).encryptedData()).isEqualTo(expected);
    assertNoPlaintext(r.out(), Map.of("a", "api-key-value-5", "b", "new-password-6"));
  }

  @Test
  void merge_asGenerator_failsSayingToListItUnderTransformers() throws Exception {
    base(Scope.STRICT, "options:\n  disableNameSuffixHash: true\n");
    write("overlay/api-key", seal("v", Scope.STRICT, "prod", "db", "api-key"));
    write("overlay/merge.yaml", generator("db", "files:\n- api-key\nbehavior: merge\n"));
    write("overlay/kustomization.yaml", "resources:\n- ../base\ngenerators:\n- merge.yaml\n");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "overlay", Map.of());

    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains(
            "sealwright: error: behavior: merge found no SealedSecret prod/db to merge into",
            "sealwright: hint: list this file under transformers:");
  }

  @Test
  void replace_asGenerator_replacesTheBaseSealedSecretWhole() throws Exception {
    base(Scope.STRICT, "options:\n  disableNameSuffixHash: true\n");
    String token = seal("token-value-8", Scope.STRICT, "prod", "db", "token");
    write("overlay/token", token);
    write(
        "overlay/replace.yaml",
        generator(
            "db", "files:\n- token\nbehavior: replace\noptions:\n  disableNameSuffixHash: true\n"));
    write("overlay/kustomization.yaml", "resources:\n- ../base\ngenerators:\n- replace.yaml\n");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "overlay", Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(only(r.out()).encryptedData()).isEqualTo(Map.of("token", token));
    assertThat(r.out()).doesNotContain(Generator.BEHAVIOR);
  }

  @Test
  void decrypt_withIdentity_generatesSecretWithByteExactValues() throws Exception {
    base(Scope.STRICT, "decrypt: true\n");

    KustomizeBuild.Run r =
        KustomizeBuild.build(
            dir,
            "base",
            Map.of(Generator.IDENTITY_VARIABLE, dir.resolve("cluster.txt").toString()));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("apiVersion: v1\n").contains("kind: Secret\n");
    assertThat(r.out()).containsPattern("\n  name: db-[a-z0-9]{10}\n");
    for (Map.Entry<String, String> e : PLAIN.entrySet()) {
      String b64 =
          Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8));
      assertThat(r.out()).contains("\n  " + e.getKey() + ": " + b64 + "\n");
    }
  }

  @Test
  void decrypt_envelopeSealedForAnotherSecret_failsWithBindingMismatch() throws Exception {
    base(Scope.STRICT, "decrypt: true\n");
    write("base/secrets/tls.key", seal("x", Scope.STRICT, "prod", "other", "tls.key"));

    KustomizeBuild.Run r =
        KustomizeBuild.build(
            dir,
            "base",
            Map.of(Generator.IDENTITY_VARIABLE, dir.resolve("cluster.txt").toString()));

    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("sealwright: error: item 'tls.key' of prod/db is bound elsewhere");
  }

  @Test
  void decrypt_withoutIdentityVariable_isRefused() throws Exception {
    base(Scope.STRICT, "decrypt: true\n");

    KustomizeBuild.Run r = KustomizeBuild.build(dir, "base", Map.of());

    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains(
            "sealwright: error: decrypt: true needs an identity, and "
                + Generator.IDENTITY_VARIABLE
                + " is not set");
  }

  @Test
  void generate_badEnvLineOrConfig_failsWithOneClearError() throws Exception {
    base(Scope.STRICT, "options:\n  disableNameSuffixHash: true\n");
    write("base/db.sealed.env", "# ok\npassword\n");
    KustomizeBuild.Run badLine = KustomizeBuild.build(dir, "base", Map.of());
    write("base/db.sealed.env", "password=hunter2\n");
    KustomizeBuild.Run plaintext = KustomizeBuild.build(dir, "base", Map.of());
    write("base/generator.yaml", generator("db", "envs: [db.sealed.env]\nbehaviour: merge\n"));
    KustomizeBuild.Run badField = KustomizeBuild.build(dir, "base", Map.of());

    assertThat(badLine.exit()).isNotZero();
    assertThat(badLine.err())
        .contains("sealwright: error: db.sealed.env, line 2: expected KEY=VALUE\n");
    assertThat(plaintext.exit()).isNotZero();
    assertThat(plaintext.err())
        .contains(
            "sealwright: error: db.sealed.env, line 1: the value of 'password' is not a Sealwright"
                + " envelope (sw1:...)")
        .doesNotContain("hunter2");
    assertThat(badField.exit()).isNotZero();
    assertThat(badField.err())
        .contains("sealwright: error: the functionConfig has an unknown field 'behaviour'");
  }
}
