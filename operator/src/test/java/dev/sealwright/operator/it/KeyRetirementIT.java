package dev.sealwright.operator.it;

import static dev.sealwright.operator.it.OperatorHarness.TIMEOUT;
import static dev.sealwright.operator.it.OperatorHarness.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.operator.Fixtures;
import dev.sealwright.operator.reconcile.EventReasons;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key retirement against the real API server, driven by the real CLI through kubectl: refused while
 * an object uses the key (with the listing), accepted once {@code sealwright reseal} moved the
 * object to the new key, and then the destroyed key opens nothing it opened before.
 */
@ExtendWith(KubeTestEnvironment.class)
class KeyRetirementIT {
  @TempDir Path dir;

  @Test
  void retire_refusedWhileObjectUsesKey_acceptedAfterReseal_oldValuesNoLongerOpen(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    String n = ns.name();
    ClusterCli cli = new ClusterCli(dir);
    try (OperatorHarness h = OperatorHarness.start(admin, n)) {
      String old = h.keySecretIds().iterator().next();
      SealedSecret sealedToOld = h.sealWithCli(n, "db", Map.of("password", "before-retirement"));
      Path file = dir.resolve("db.sealed.yaml");
      Files.writeString(file, Serialization.asYaml(sealedToOld));
      h.apply(sealedToOld);
      h.awaitReason(n, "db", Conditions.UNSEALED);
      Path oldIdentity = identityFromBackup(cli, h.operatorNamespace, old);
      String fresh = h.keyIdOfSecret(h.operator.rotateKeysNow());
      Eventually.await(
          "the new key is published as current",
          TIMEOUT,
          () -> h.recipientsTxt().contains("key id " + fresh));

      CliRun whileActive = cli.run(h.operatorNamespace, "keys", "retire", old, "--yes");

      assertThat(whileActive.code()).as(whileActive.err()).isEqualTo(3);
      assertThat(whileActive.err())
          .contains("the operator refused to retire key " + old + ": key " + old + " is active")
          .contains(WireNames.KEY_STATE_LABEL + "=" + WireNames.KEY_STATE_DECRYPT_ONLY);

      h.labelKeyState(old, WireNames.KEY_STATE_DECRYPT_ONLY);
      Eventually.await(
          "the old key decrypt-only: opens values, not active",
          TIMEOUT,
          () ->
              h.activeKeyIds().equals(Set.of(fresh))
                  && h.operator.keys().snapshot().keyring().keyIds().contains(new KeyId(old)));

      CliRun inUse = cli.run(h.operatorNamespace, "keys", "retire", old, "--yes");

      assertThat(inUse.code()).as(inUse.err()).isEqualTo(3);
      assertThat(inUse.err())
          .contains("1 SealedSecret(s) in the namespaces this operator watches")
          .contains("SealedSecrets with items sealed to it:\n  " + n + "/db  item password")
          .contains("sealwright: hint: re-seal");
      assertThat(h.keySecretIds()).contains(old);
      Eventually.await(
          "a Warning event on the key Secret",
          TIMEOUT,
          () ->
              admin.v1().events().inNamespace(h.operatorNamespace).list().getItems().stream()
                  .anyMatch(
                      e ->
                          EventReasons.RETIREMENT_REFUSED.equals(e.getReason())
                              && "Warning".equals(e.getType())
                              && e.getInvolvedObject()
                                  .getName()
                                  .equals(WireNames.keySecretName(old))
                              && e.getMessage().contains(n + "/db")));

      Files.writeString(dir.resolve("recipients.txt"), h.recipientsTxt());
      CliRun reseal =
          CliRun.of(
              "reseal",
              file.toString(),
              "-i",
              oldIdentity.toString(),
              "-R",
              dir.resolve("recipients.txt").toString());
      assertThat(reseal.code()).as(reseal.err()).isZero();
      SealedSecret resealed = Serialization.unmarshal(Files.readString(file), SealedSecret.class);
      assertThat(keyIds(resealed)).containsExactly(fresh);
      h.edit(n, "db", ss -> ss.getSpec().setEncryptedData(resealed.getSpec().getEncryptedData()));
      h.awaitReason(n, "db", Conditions.UNSEALED);

      CliRun retired = cli.run(h.operatorNamespace, "keys", "retire", old, "--yes");

      assertThat(retired.code()).as(retired.err()).isZero();
      assertThat(retired.err())
          .contains("sealwright: retired key " + old + " (created ")
          .contains(", decrypt-only): the operator " + h.operator.instance());
      assertThat(h.keySecretIds()).containsExactly(fresh);
      JsonNode record = retiredRecords(h).get(0);
      assertThat(record.get("keyId").asText()).isEqualTo(old);
      assertThat(record.get("state").asText()).isEqualTo(WireNames.KEY_STATE_DECRYPT_ONLY);
      assertThat(record.get("requestedBy").asText()).isEqualTo(kubectlWhoami(cli));
      assertThat(record.get("retiredBy").asText()).isEqualTo(h.operator.instance());
      assertThat(Instant.parse(record.get("retiredAt").asText()))
          .isAfter(Instant.parse(record.get("requestedAt").asText()));
      Eventually.await(
          "the old key is gone from the keyring",
          TIMEOUT,
          () -> !h.operator.keys().snapshot().keyring().keyIds().contains(new KeyId(old)));
      assertThat(decoded(h.secret(n, "db"), "password")).isEqualTo("before-retirement");

      // An old commit applied again: the destroyed key opens nothing.
      h.edit(
          n, "db", ss -> ss.getSpec().setEncryptedData(sealedToOld.getSpec().getEncryptedData()));
      SealedSecret refused = h.awaitReason(n, "db", Conditions.NO_MATCHING_KEY);
      assertThat(refused.getStatus().condition(Conditions.READY).orElseThrow().getMessage())
          .contains("sealed to key ids [" + old + "]");

      CliRun again = cli.run(h.operatorNamespace, "keys", "retire", old, "--yes");
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.err()).contains("key " + old + " was already retired at ");
    }
  }

  /**
   * A retired key's Secret coming back (restored by hand from an old backup) opens nothing, and
   * {@code keys restore} refuses it; only {@code --reinstate-retired} brings it back.
   */
  @Test
  void retiredKey_restoredSecretIgnored_restoreRefusesUnlessReinstated(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    String n = ns.name();
    ClusterCli cli = new ClusterCli(dir);
    HybridIdentity offline = AgeKeys.generateHybrid();
    Path offlineFile = dir.resolve("offline.txt");
    Files.write(offlineFile, offline.encoded().toByteArray());
    Files.setPosixFilePermissions(offlineFile, PosixFilePermissions.fromString("rw-------"));
    try (OperatorHarness h = OperatorHarness.start(admin, n)) {
      String old = h.keySecretIds().iterator().next();
      Path backup = dir.resolve("keys.age");
      CliRun b = cli.backup(h.operatorNamespace, offline, backup);
      assertThat(b.code()).as(b.err()).isZero();
      Secret backedUp = backupSecrets(backup, offline).getFirst();
      String fresh = h.keyIdOfSecret(h.operator.rotateKeysNow());
      Eventually.await("two keys", TIMEOUT, () -> h.activeKeyIds().size() == 2);
      h.labelKeyState(old, WireNames.KEY_STATE_DISABLED);
      Eventually.await(
          "only the new key active", TIMEOUT, () -> h.activeKeyIds().equals(Set.of(fresh)));
      CliRun retired = cli.run(h.operatorNamespace, "keys", "retire", old, "--yes");
      assertThat(retired.code()).as(retired.err()).isZero();
      assertThat(retired.err()).contains(", disabled): the operator");
      SealedSecret sealedToOld =
          Fixtures.sealedSecretForApply(
              n, "old", Fixtures.seal(identity(backedUp), n, "old", Map.of("pw", "from-history")));
      h.apply(sealedToOld);
      h.awaitReason(n, "old", Conditions.NO_MATCHING_KEY);

      String[] restoreArgs = {
        "keys", "restore", "-i", offlineFile.toString(), backup.toString(), "--yes"
      };
      CliRun restore = cli.run(h.operatorNamespace, restoreArgs);

      assertThat(restore.code()).as(restore.err()).isEqualTo(3);
      assertThat(restore.err())
          .contains("  REFUSE  " + WireNames.keySecretName(old))
          .contains("key(s) [" + old + "] were retired")
          .contains("--reinstate-retired");
      assertThat(h.keySecretIds()).containsExactly(fresh);

      // Put back by hand, bypassing the CLI: the operator refuses the retired id. A key added
      // after it proves the operator has read it (the watch delivers events in order).
      admin.resource(restorable(backedUp, h.operatorNamespace)).create();
      HybridIdentity later = AgeKeys.generateHybrid();
      admin
          .resource(
              dev.sealwright.operator.keys.KeySecrets.toSecret(
                  h.operatorNamespace, later, Instant.parse("2020-01-01T00:00:00Z")))
          .create();
      h.apply(
          Fixtures.sealedSecretForApply(
              n, "probe", Fixtures.seal(later, n, "probe", Map.of("pw", "probe-value"))));
      h.awaitReason(n, "probe", Conditions.UNSEALED);
      assertThat(h.operator.keys().snapshot().find(new KeyId(old))).isEmpty();
      assertThat(h.get(n, "old").getStatus().condition(Conditions.READY).orElseThrow().getReason())
          .isEqualTo(Conditions.NO_MATCHING_KEY);
      assertThat(h.secret(n, "old")).isNull();

      admin
          .secrets()
          .inNamespace(h.operatorNamespace)
          .withName(WireNames.keySecretName(old))
          .delete();
      Eventually.await(
          "the hand-made Secret is gone", TIMEOUT, () -> !h.keySecretIds().contains(old));
      CliRun reinstated =
          cli.run(
              h.operatorNamespace,
              java.util.stream.Stream.concat(
                      java.util.Arrays.stream(restoreArgs),
                      java.util.stream.Stream.of("--reinstate-retired"))
                  .toArray(String[]::new));

      assertThat(reinstated.code()).as(reinstated.err()).isZero();
      assertThat(reinstated.err()).contains("  reinstate " + WireNames.keySecretName(old));
      h.awaitReason(n, "old", Conditions.UNSEALED);
      assertThat(decoded(h.secret(n, "old"), "pw")).isEqualTo("from-history");
      assertThat(retiredRecords(h)).as("the record stays").hasSize(1);
    }
  }

  private static List<String> keyIds(SealedSecret ss) {
    return ss.getSpec().getEncryptedData().values().stream()
        .flatMap(
            e -> {
              try {
                return Sealer.keyIds(e).stream().map(KeyId::value);
              } catch (dev.sealwright.errors.SealingException x) {
                throw new AssertionError(x);
              }
            })
        .distinct()
        .toList();
  }

  private static JsonNode retiredRecords(OperatorHarness h) throws Exception {
    ConfigMap cm =
        h.admin
            .configMaps()
            .inNamespace(h.operatorNamespace)
            .withName(WireNames.RETIRED_KEYS_CONFIGMAP)
            .get();
    return new ObjectMapper().readTree(cm.getData().get(WireNames.RETIRED_KEYS_JSON));
  }

  private static String kubectlWhoami(ClusterCli cli) throws Exception {
    Path kubeconfig = KubeTestEnvironment.kubeconfig();
    Process p =
        new ProcessBuilder(
                kubeconfig.getParent().resolve("bin/kubectl").toString(),
                "--kubeconfig=" + kubeconfig,
                "auth",
                "whoami",
                "-o",
                "jsonpath={.status.userInfo.username}")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).isNotBlank();
    return out;
  }

  /** The key Secrets of a {@code keys backup} file, decrypted with the offline identity. */
  private static List<Secret> backupSecrets(Path backup, HybridIdentity offline) throws Exception {
    byte[] plain = Age.decrypt(Files.readAllBytes(backup), List.of(offline)).toByteArray();
    return Serialization.unmarshal(new String(plain, StandardCharsets.UTF_8), KubernetesList.class)
        .getItems()
        .stream()
        .map(Secret.class::cast)
        .toList();
  }

  private static dev.sealwright.age.Identity identity(Secret keySecret) throws Exception {
    return AgeKeys.parseIdentities(
            new String(
                Base64.getDecoder().decode(keySecret.getData().get(WireNames.KEY_IDENTITY_ITEM)),
                StandardCharsets.US_ASCII))
        .getFirst();
  }

  /** The old cluster identity as an age identity file, from a real {@code keys backup}. */
  private Path identityFromBackup(ClusterCli cli, String operatorNamespace, String keyId)
      throws Exception {
    HybridIdentity offline = AgeKeys.generateHybrid();
    Path backup = dir.resolve("for-reseal.age");
    CliRun b = cli.backup(operatorNamespace, offline, backup);
    assertThat(b.code()).as(b.err()).isZero();
    Secret key =
        backupSecrets(backup, offline).stream()
            .filter(s -> s.getMetadata().getName().equals(WireNames.keySecretName(keyId)))
            .findFirst()
            .orElseThrow();
    Path file = dir.resolve("old-key.txt");
    Files.write(file, Base64.getDecoder().decode(key.getData().get(WireNames.KEY_IDENTITY_ITEM)));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** A key Secret of a backup as it would be created again (no server-set fields). */
  private static Secret restorable(Secret s, String namespace) {
    return new SecretBuilder(s)
        .editMetadata()
        .withNamespace(namespace)
        .withResourceVersion(null)
        .withUid(null)
        .withCreationTimestamp(null)
        .endMetadata()
        .build();
  }
}
