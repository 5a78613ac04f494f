package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code sealwright keys fetch/backup/restore} against the real API server, through kubectl. */
@ExtendWith(KubeTestEnvironment.class)
class KeysCommandsIT {
  @TempDir Path dir;

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  private String[] cluster(String namespace, String... args) throws IOException {
    return new ClusterCli(dir).args(namespace, args);
  }

  @Test
  void keysFetch_writesCurrentRecipient_sealedWithItOpensInCluster(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      Path recipients = dir.resolve("recipients.txt");

      CliRun fetch =
          cli(cluster(h.operatorNamespace, "keys", "fetch", "-o", recipients.toString()));

      assertThat(fetch.code()).as(fetch.err()).isZero();
      assertThat(Files.readString(recipients)).isEqualTo(h.recipientsTxt());
      assertThat(fetch.out().strip()).startsWith("age1pq1");
      Path secret = dir.resolve("secret.yaml");
      Files.writeString(
          secret,
          "apiVersion: v1\nkind: Secret\nmetadata:\n  name: fetched\n  namespace: "
              + ns.name()
              + "\nstringData:\n  pw: from-fetch\n");
      CliRun seal = cli("seal", "-f", secret.toString(), "-R", recipients.toString());
      assertThat(seal.code()).as(seal.err()).isZero();
      h.apply(
          io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
              seal.out(), SealedSecret.class));
      h.awaitReason(ns.name(), "fetched", Conditions.UNSEALED);
      assertThat(decoded(h.secret(ns.name(), "fetched"), "pw")).isEqualTo("from-fetch");
    }
  }

  @Test
  void keysFetch_wrongNamespace_failsWithHint(KubernetesClient admin, TestNamespace ns)
      throws IOException {
    CliRun fetch = cli(cluster(ns.name(), "keys", "fetch", "-o", dir.resolve("r.txt").toString()));

    assertThat(fetch.code()).isEqualTo(1);
    // One error naming what was missing where, and the hint for it.
    assertThat(fetch.err())
        .startsWith("sealwright: error:")
        .contains(WireNames.PUBLIC_KEYS_CONFIGMAP)
        .contains("sealwright: hint: check --context/--kubeconfig, the namespace (-n)");
    assertThat(dir.resolve("r.txt")).doesNotExist();
  }

  @Test
  void backupThenRestoreIntoFreshNamespace_operatorThereOpensOldValues(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    HybridIdentity offline = AgeKeys.generateHybrid();
    Path identity = dir.resolve("offline.txt");
    Files.write(identity, offline.encoded().toByteArray());
    Path backup = dir.resolve("keys.age");
    SealedSecret later;
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      later = h.sealWithCli(ns.name(), "later", Map.of("pw", "survives"));

      CliRun b = new ClusterCli(dir).backup(h.operatorNamespace, offline, backup);

      assertThat(b.code()).as(b.err()).isZero();
      assertThat(b.err()).contains("backed up 1 key(s)");
      byte[] file = Files.readAllBytes(backup);
      assertThat(new String(file, StandardCharsets.ISO_8859_1))
          .startsWith("age-encryption.org/v1")
          .doesNotContain("AGE-SECRET-KEY")
          .doesNotContain(WireNames.KEY_IDENTITY_ITEM + ":");
      assertThat(Files.getPosixFilePermissions(backup).toString())
          .isEqualTo("[OWNER_READ, OWNER_WRITE]");
      CliRun again = new ClusterCli(dir).backup(h.operatorNamespace, offline, backup);
      assertThat(again.code()).as("refuses to overwrite").isEqualTo(3);
    }

    String restoredNs = OperatorHarness.newNamespace(admin, "sw-op-");
    CliRun unconfirmed =
        cli(cluster(restoredNs, "keys", "restore", "-i", identity.toString(), backup.toString()));
    assertThat(unconfirmed.code()).as("no --yes and no terminal to ask").isEqualTo(3);
    assertThat(unconfirmed.err())
        .contains("restore plan for namespace " + restoredNs)
        .contains("  create  sealwright-key-")
        .contains("run again with --yes");
    assertThat(admin.secrets().inNamespace(restoredNs).list().getItems())
        .as("nothing written without confirmation")
        .noneMatch(s -> s.getMetadata().getName().startsWith(WireNames.KEY_SECRET_PREFIX));
    String[] confirmed =
        cluster(
            restoredNs, "keys", "restore", "-i", identity.toString(), backup.toString(), "--yes");
    CliRun r = cli(confirmed);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("restored 1 key(s)");
    CliRun twice = cli(confirmed);
    assertThat(twice.code()).isZero();
    assertThat(twice.err()).contains("restored 0 key(s)").contains("already present");
    try (OperatorHarness h2 = OperatorHarness.startIn(admin, restoredNs, ns.name(), b -> {})) {
      h2.apply(later);

      h2.awaitReason(ns.name(), "later", Conditions.UNSEALED);
      assertThat(decoded(h2.secret(ns.name(), "later"), "pw")).isEqualTo("survives");
    }
  }

  /**
   * Anyone who knows the offline recipient can build a backup that decrypts: one with a key that
   * claims a far-future created-at (so it would stay current forever) is refused, even with --yes,
   * and nothing reaches the cluster.
   */
  @Test
  void restore_forgedBackupWithFutureCreatedAt_refusedAndNothingCreated(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    HybridIdentity offline = AgeKeys.generateHybrid();
    Path identity = dir.resolve("offline.txt");
    Files.write(identity, offline.encoded().toByteArray());
    HybridIdentity planted = AgeKeys.generateHybrid();
    String id = dev.sealwright.envelope.KeyId.of(planted.publicRecipient()).value();
    String yaml =
        """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: sealwright-key-%s
            labels: {sealwright.dev/key: "true", sealwright.dev/key-state: active}
            annotations: {sealwright.dev/key-id: "%s", sealwright.dev/created-at: "2999-01-01T00:00:00Z"}
          type: Opaque
          data: {identity: %s}
        """
            .formatted(
                id,
                id,
                java.util.Base64.getEncoder().encodeToString(planted.encoded().toByteArray()));
    Path forged = dir.resolve("forged.age");
    Files.write(
        forged,
        dev.sealwright.age.Age.encrypt(
            yaml.getBytes(StandardCharsets.UTF_8), java.util.List.of(offline.publicRecipient())));

    CliRun r =
        cli(
            cluster(
                ns.name(),
                "keys",
                "restore",
                "-i",
                identity.toString(),
                forged.toString(),
                "--yes"));

    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("in the future").doesNotContain("AGE-SECRET-KEY");
    assertThat(admin.secrets().inNamespace(ns.name()).withName("sealwright-key-" + id).get())
        .isNull();
  }
}
