package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.cli.manifest.EditBuffer;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testenv.ChildProcesses;
import dev.sealwright.testenv.KubeTestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI writes, the real kubectl reads as the same strings. kubectl's YAML reader resolves
 * YAML 1.1 types, so unquoted, {@code y}, {@code Yes} and {@code off} would be booleans, {@code
 * NULL} and {@code ~} nulls, {@code 0x1F}, {@code 012} and {@code 1e3} numbers. Each look-alike is
 * an item name, a value, an object name, a label, an annotation and a template type in {@code seal}
 * and {@code unseal} output (YAML and JSON) and in the edit buffer, and {@code kubectl patch
 * --local} (the client side only, no server) must print it back unchanged. The CLI's own reader,
 * which takes every scalar for a string, cannot see such a bug.
 */
@ExtendWith(KubeTestEnvironment.class)
class KubectlReadsCliOutputIT {
  private static final List<String> LOOK_ALIKES =
      List.of(
          "y",
          "n",
          "Yes",
          "no",
          "TRUE",
          "off",
          "on",
          "NULL",
          "~",
          "null",
          "0x1F",
          "012",
          "1e3",
          ".inf",
          "2001-12-14",
          ":",
          "- a",
          "#x");

  /** The look-alikes that are Secret item names (letters, digits, '-', '_' and '.'). */
  private static final List<String> ITEM_NAMES =
      LOOK_ALIKES.stream().filter(s -> s.matches("[-._a-zA-Z0-9]+")).toList();

  /** Those that are DNS-1123 labels: the envelope binding names objects and namespaces so. */
  private static final List<String> OBJECT_NAMES =
      LOOK_ALIKES.stream().filter(s -> s.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")).toList();

  /** Look-alikes that are base64 too: an unsealed Secret's data shows such bytes as themselves. */
  private static final List<String> BASE64_LOOK_ALIKES =
      List.of("true", "TRUE", "True", "null", "NULL", "Null", "0x1F", "0123", "1e30");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path identity;
  private String recipient;

  @BeforeEach
  void key() throws IOException {
    HybridIdentity key = AgeKeys.generateHybrid();
    identity = dir.resolve("key.txt");
    Files.write(identity, key.encoded().toByteArray());
    Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
    recipient = key.publicRecipient().encoded();
  }

  @Test
  void sealThenUnseal_lookAlikesEverywhere_kubectlReadsTheSameStrings() throws Exception {
    Map<String, String> meta = new TreeMap<>();
    LOOK_ALIKES.forEach(s -> meta.put(s, s));
    for (int i = 0; i < OBJECT_NAMES.size(); i++) {
      String name = OBJECT_NAMES.get(i);
      String namespace = OBJECT_NAMES.get((i + 1) % OBJECT_NAMES.size());
      String type = LOOK_ALIKES.get(i);
      Map<String, String> values = new TreeMap<>();
      for (int j = 0; j < ITEM_NAMES.size(); j++) {
        values.put(ITEM_NAMES.get(j), LOOK_ALIKES.get((i + j) % LOOK_ALIKES.size()));
      }
      Map<String, String> base64 = new TreeMap<>();
      for (int j = 0; j < BASE64_LOOK_ALIKES.size(); j++) {
        base64.put("b64-" + j, BASE64_LOOK_ALIKES.get(j));
      }
      Path input = dir.resolve(name + ".json");
      Files.writeString(
          input, JSON.writeValueAsString(secret(name, namespace, meta, type, values, base64)));
      Map<String, Object> expectedSecret = new LinkedHashMap<>();
      expectedSecret.put("apiVersion", "v1");
      expectedSecret.put("kind", "Secret");
      expectedSecret.put(
          "metadata",
          Map.of("name", name, "namespace", namespace, "labels", meta, "annotations", meta));
      expectedSecret.put("type", type);
      expectedSecret.put("immutable", true);
      Map<String, String> data = new TreeMap<>(base64);
      values.forEach((k, v) -> data.put(k, encode(v)));
      expectedSecret.put("data", data);

      for (String format : List.of("yaml", "json")) {
        String sealed = cli("seal", "-f", input.toString(), "-r", recipient, "-o", format);
        Map<String, Object> read = kubectlReads(sealed);
        String what = name + " sealed as " + format;
        assertThat(read.get("metadata"))
            .as(what)
            .isEqualTo(Map.of("name", name, "namespace", namespace));
        Map<?, ?> spec = (Map<?, ?>) read.get("spec");
        assertThat(spec.get("scope")).as(what).isEqualTo("strict");
        assertThat(spec.get("encryptedData"))
            .as(what)
            .isEqualTo(SealedSecretReader.readOne(sealed, what).encryptedData());
        assertThat(SealedSecretReader.readOne(sealed, what).encryptedData().keySet())
            .as(what)
            .isEqualTo(data.keySet());
        assertThat(spec.get("template"))
            .as(what)
            .isEqualTo(
                Map.of(
                    "metadata",
                    Map.of("labels", meta, "annotations", meta),
                    "type",
                    type,
                    "immutable",
                    true));

        Path file = dir.resolve(name + "-sealed." + format);
        Files.writeString(file, sealed);
        for (String out : List.of("yaml", "json")) {
          String unsealed =
              cli("unseal", "-f", file.toString(), "-i", identity.toString(), "-o", out);

          assertThat(kubectlReads(unsealed))
              .as(name + " sealed as " + format + ", unsealed as " + out)
              .isEqualTo(expectedSecret);
        }
      }
    }
  }

  @Test
  void editBuffer_lookAlikeItemsAndValues_kubectlReadsTheSameStrings() throws Exception {
    SortedMap<String, SecretBytes> values = new TreeMap<>();
    Map<String, String> expected = new TreeMap<>();
    for (int j = 0; j < LOOK_ALIKES.size(); j++) {
      String item = j < ITEM_NAMES.size() ? ITEM_NAMES.get(j) : "item-" + j;
      String value = LOOK_ALIKES.get(j);
      values.put(item, SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8)));
      expected.put(item, value);
    }
    // A multi-line value, which the buffer writes as a literal block.
    String lines = "- a\n#x: y\n~\n";
    values.put("multi-line", SecretBytes.copyOf(lines.getBytes(StandardCharsets.UTF_8)));
    expected.put("multi-line", lines);
    // The buffer is a mapping of stringData (and data); made a Secret, kubectl reads it.
    String buffer =
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: buffer\n"
            + EditBuffer.render("t", values);

    assertThat(kubectlReads(buffer))
        .isEqualTo(
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Secret",
                "metadata",
                Map.of("name", "buffer"),
                "stringData",
                expected));
  }

  private static Map<String, Object> secret(
      String name,
      String namespace,
      Map<String, String> meta,
      String type,
      Map<String, String> values,
      Map<String, String> base64) {
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    secret.put(
        "metadata",
        Map.of("name", name, "namespace", namespace, "labels", meta, "annotations", meta));
    secret.put("type", type);
    secret.put("immutable", true);
    secret.put("stringData", values);
    secret.put("data", base64);
    return secret;
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String cli(String... args) {
    return CliRun.success(args);
  }

  /**
   * The object as kubectl reads {@code manifest}: {@code kubectl patch --local} with an empty patch
   * decodes the file with kubectl's own YAML reader and prints it as JSON, without a server.
   */
  private Map<String, Object> kubectlReads(String manifest) throws IOException {
    Path file = Files.createTempFile(dir, "manifest", ".yaml");
    Files.writeString(file, manifest);
    ProcessBuilder pb =
        new ProcessBuilder(
            KubeTestEnvironment.kubectl().toString(),
            "patch",
            "--local",
            "-f",
            file.toString(),
            "--type=merge",
            "-p",
            "{}",
            "-o",
            "json");
    // No kubeconfig, no cache: nothing outside this test's directory.
    pb.environment().clear();
    pb.environment().put("HOME", dir.toString());
    String json = ChildProcesses.run(pb, null, Duration.ofSeconds(60)).requireSuccess().stdout();
    @SuppressWarnings("unchecked")
    Map<String, Object> read = JSON.readValue(json, Map.class);
    return read;
  }
}
