package dev.sealwright.cli.keys;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.NativeIdentity;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.CliFuzzing;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.testing.Fuzzing;
import dev.sealwright.wire.WireNames;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the plaintext of a key backup, as {@code keys restore} reads it once age has
 * opened it (a backup is only as authentic as the age file: anyone with the offline recipient can
 * write one). Only a {@link CliException} the user is told about may escape reading and checking it
 * and rendering each key Secret for kubectl. The age layer is the age target's.
 */
public final class KeyBackupFuzzTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  public static void fuzzerTestOneInput(byte[] input) {
    List<BackupKey> keys;
    try {
      keys = KeySecretList.read(new String(input, UTF_8), "fuzz.age", NOW);
    } catch (CliException e) {
      CliFuzzing.requireDocumented(e);
      return;
    }
    for (BackupKey key : keys) {
      KeySecretList.json(key.secret());
    }
  }

  static List<byte[]> seeds() {
    StringBuilder items = new StringBuilder();
    for (String key : new String[] {"cluster", "other"}) {
      NativeIdentity identity;
      try {
        identity =
            (NativeIdentity)
                AgeKeys.parseIdentities(Fixtures.resource("keys/" + key + ".txt")).getFirst();
      } catch (MalformedException e) {
        throw new IllegalStateException(e);
      }
      String id = KeyId.of(identity.publicRecipient()).value();
      items.append(
          """
          - apiVersion: v1
            kind: Secret
            metadata:
              name: %s%s
              labels: {%s: "true", %s: active}
              annotations: {%s: "%s", %s: "2026-01-01T00:00:00Z"}
            type: Opaque
            data: {%s: %s}
          """
              .formatted(
                  WireNames.KEY_SECRET_PREFIX,
                  id,
                  WireNames.KEY_LABEL,
                  WireNames.KEY_STATE_LABEL,
                  WireNames.KEY_ID_ANNOTATION,
                  id,
                  WireNames.KEY_CREATED_AT_ANNOTATION,
                  WireNames.KEY_IDENTITY_ITEM,
                  Base64.getEncoder().encodeToString(identity.encoded().toByteArray())));
    }
    String backup = "apiVersion: v1\nkind: List\nitems:\n" + items;
    KeySecretList.read(backup, "seed", NOW); // the seed itself is a valid backup
    return List.of(backup.getBytes(UTF_8));
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(KeyBackupFuzzTest.class, seeds());
  }

  @Test
  // Fuzzing bounds the Jazzer JVM itself (the budget plus 180 s, then kills it); documented budgets
  // (-Dsealwright.fuzz.seconds=600) outlast the default timeout of junit-platform.properties.
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(
        KeyBackupFuzzTest.class,
        seeds(),
        "--instrumentation_includes=dev.sealwright.**:org.yaml.snakeyaml.**");
  }
}
