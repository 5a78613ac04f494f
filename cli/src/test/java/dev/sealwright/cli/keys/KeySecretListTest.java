package dev.sealwright.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.HybridIdentity;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.envelope.KeyId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backups are forgeable (age has no sender authenticity): every check on what a restore accepts.
 */
class KeySecretListTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final HybridIdentity KEY = HybridIdentity.generate();
  private static final HybridIdentity OTHER = HybridIdentity.generate();
  private static final String ID = KeyId.of(KEY.publicRecipient()).value();
  private static final String OTHER_ID = KeyId.of(OTHER.publicRecipient()).value();

  private static String identityBase64(HybridIdentity identity) {
    return Base64.getEncoder().encodeToString(identity.encoded().toByteArray());
  }

  /** A backup of one key Secret; each argument is the field as a forger might set it. */
  private static String backup(String name, String annotatedId, String createdAt, String extra) {
    return """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: %s
            labels: {sealwright.dev/key: "true", sealwright.dev/key-state: active%s}
            annotations: {sealwright.dev/key-id: "%s", sealwright.dev/created-at: "%s"}
          type: Opaque
          data: {identity: %s}
        """
        .formatted(name, extra, annotatedId, createdAt, identityBase64(KEY));
  }

  private static String valid() {
    return backup("sealwright-key-" + ID, ID, "2026-11-28T10:00:00Z", "");
  }

  private static CliException refusal(String yaml) {
    CliException e =
        (CliException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> KeySecretList.read(yaml, "keys.age", NOW));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
    return e;
  }

  @Test
  void read_validBackup_keyIdDerivedFromTheIdentity() {
    List<BackupKey> keys = KeySecretList.read(valid(), "keys.age", NOW);

    assertThat(keys)
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.name()).isEqualTo("sealwright-key-" + ID);
              assertThat(k.keyId().value()).isEqualTo(ID);
              assertThat(k.createdAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
              assertThat(k.state()).isEqualTo("active");
            });
  }

  @Test
  void read_nameOfAnotherKeyId_refusedNamingTheDerivedName() {
    CliException e =
        refusal(backup("sealwright-key-" + OTHER_ID, OTHER_ID, "2026-11-28T10:00:00Z", ""));

    assertThat(e)
        .hasMessageContaining("holds key id " + ID)
        .hasMessageContaining("sealwright-key-" + ID);
  }

  @Test
  void read_nameNotOfTheKeyForm_refused() {
    CliException e = refusal(backup("--kubeconfig=/tmp/x", ID, "2026-11-28T10:00:00Z", ""));

    assertThat(e).hasMessageContaining("its name must be sealwright-key-" + ID);
  }

  @Test
  void read_annotatedKeyIdDisagrees_refused() {
    CliException e = refusal(backup("sealwright-key-" + ID, OTHER_ID, "2026-11-28T10:00:00Z", ""));

    assertThat(e).hasMessageContaining("sealwright.dev/key-id does not say so");
  }

  @Test
  void read_createdAtInTheFuture_refused() {
    CliException e = refusal(backup("sealwright-key-" + ID, ID, "2999-01-01T00:00:00Z", ""));

    assertThat(e).hasMessageContaining("in the future");
  }

  @Test
  void read_createdAtWithinClockSkew_accepted() {
    String soon = NOW.plus(BackupKey.CLOCK_SKEW).minus(Duration.ofSeconds(1)).toString();

    assertThat(KeySecretList.read(backup("sealwright-key-" + ID, ID, soon, ""), "keys.age", NOW))
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.name()).isEqualTo("sealwright-key-" + ID);
              assertThat(k.createdAt()).isEqualTo(Instant.parse(soon));
            });
  }

  @Test
  void read_foreignLabel_refused() {
    CliException e =
        refusal(
            backup(
                "sealwright-key-" + ID,
                ID,
                "2026-11-28T10:00:00Z",
                ", app.kubernetes.io/managed-by: sealwright"));

    assertThat(e).hasMessageContaining("label app.kubernetes.io/managed-by");
  }

  @Test
  void read_serviceAccountTokenType_refused() {
    CliException e =
        refusal(valid().replace("type: Opaque", "type: kubernetes.io/service-account-token"));

    assertThat(e).hasMessageContaining("key Secrets are Opaque");
  }

  @Test
  void read_secondDataItem_refused() {
    CliException e = refusal(valid().replace("data: {identity:", "data: {token: eA==, identity:"));

    assertThat(e).hasMessageContaining("exactly one data item");
  }

  @Test
  void read_notAnIdentity_refusedWithoutQuotingTheData() {
    String garbage =
        Base64.getEncoder()
            .encodeToString("AGE-SECRET-KEY-PQ-1NOTAKEY".getBytes(StandardCharsets.US_ASCII));
    CliException e = refusal(valid().replace(identityBase64(KEY), garbage));

    assertThat(e)
        .hasMessageContaining("does not hold a valid age identity")
        .hasMessageNotContaining("NOTAKEY");
  }

  @Test
  void read_sameKeyTwice_refused() {
    String yaml = valid();
    String item = yaml.substring(yaml.indexOf("- apiVersion"));
    CliException e = refusal(yaml + item);

    assertThat(e).hasMessageContaining("twice");
  }

  @Test
  void read_moreItemsThanTheBound_refusedBeforeParsingThem() {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    // docs/cli.md: a backup holds at most 256 Secrets; the 257th is refused.
    for (int i = 0; i < 257; i++) {
      yaml.append("- {kind: Secret}\n");
    }
    CliException e = refusal(yaml.toString());

    assertThat(e).hasMessageContaining("at most 256");
  }

  @Test
  void read_secretWithoutKeyLabel_refused() {
    CliException e = refusal(valid().replace("sealwright.dev/key: \"true\", ", ""));

    assertThat(e).hasMessageContaining("lacks the label sealwright.dev/key=true");
  }

  @Test
  void fromKubectlJson_dropsServerFieldsAndOtherToolsLabels_andTheResultRestores() {
    String json =
        """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Secret",
           "metadata": {"name": "sealwright-key-%s", "namespace": "sealwright",
                        "uid": "u-1", "resourceVersion": "42", "creationTimestamp": "2026-01-01T00:00:00Z",
                        "managedFields": [{"manager": "x"}],
                        "labels": {"sealwright.dev/key": "true", "sealwright.dev/key-state": "active",
                                   "argocd.argoproj.io/instance": "infra"},
                        "annotations": {"sealwright.dev/key-id": "%s",
                                        "sealwright.dev/created-at": "2026-01-01T00:00:00Z"}},
           "type": "Opaque", "data": {"identity": "%s"}}
        ]}
        """
            .formatted(ID, ID, identityBase64(KEY));

    String yaml =
        new String(
            KeySecretList.fromKubectlJson(json.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);

    assertThat(yaml)
        .doesNotContain("uid")
        .doesNotContain("resourceVersion")
        .doesNotContain("managedFields")
        .doesNotContain("namespace")
        .doesNotContain("argocd");
    assertThat(KeySecretList.read(yaml, "backup", NOW))
        .singleElement()
        .satisfies(k -> assertThat(k.keyId().value()).isEqualTo(ID));
  }

  @Test
  void json_isOneLineKubectlCanRead() {
    BackupKey key = KeySecretList.read(valid(), "backup", NOW).getFirst();

    String line = new String(KeySecretList.json(key.secret()), StandardCharsets.UTF_8).strip();

    assertThat(line).startsWith("{").endsWith("}").doesNotContain("\n");
  }

  @Test
  void read_notABackup_failsWithTheUsualHint() {
    assertThatThrownBy(() -> KeySecretList.read("just: text\n", "f.age", NOW))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("is not a Sealwright key backup");
  }
}
