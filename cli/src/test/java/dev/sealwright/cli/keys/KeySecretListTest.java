package dev.sealwright.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.cli.CliException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySecretListTest {
  private static final String KUBECTL_JSON =
      """
      {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "Secret",
         "metadata": {"name": "sealwright-key-0123456789abcdef", "namespace": "sealwright",
                      "uid": "u-1", "resourceVersion": "42", "creationTimestamp": "2026-01-01T00:00:00Z",
                      "managedFields": [{"manager": "x"}],
                      "labels": {"sealwright.dev/key": "true", "sealwright.dev/key-state": "active"},
                      "annotations": {"sealwright.dev/key-id": "0123456789abcdef"}},
         "type": "Opaque", "data": {"identity": "QUdFLVNFQ1JFVC1LRVktUFEtMS4uLg=="}}
      ]}
      """;

  @Test
  void fromKubectlJson_dropsServerFields_keepsWhatRestoreNeeds() {
    String yaml =
        new String(
            KeySecretList.fromKubectlJson(KUBECTL_JSON.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);

    List<Map<String, Object>> secrets = KeySecretList.read(yaml, "backup");

    assertThat(yaml)
        .doesNotContain("uid")
        .doesNotContain("resourceVersion")
        .doesNotContain("managedFields")
        .doesNotContain("namespace");
    assertThat(secrets).hasSize(1);
    assertThat(KeySecretList.name(secrets.getFirst())).isEqualTo("sealwright-key-0123456789abcdef");
    assertThat(KeySecretList.keyId(secrets.getFirst())).isEqualTo("0123456789abcdef");
    assertThat(secrets.getFirst().get("data").toString()).startsWith("{identity=");
  }

  @Test
  void read_secretWithoutKeyLabel_refused() {
    String yaml =
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: other}\n";

    assertThatThrownBy(() -> KeySecretList.read(yaml, "f.age"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("something other than key Secrets");
  }

  @Test
  void json_isOneLineKubectlCanRead() {
    String yaml =
        new String(
            KeySecretList.fromKubectlJson(KUBECTL_JSON.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);
    Map<String, Object> secret = KeySecretList.read(yaml, "backup").getFirst();

    String line = new String(KeySecretList.json(secret), StandardCharsets.UTF_8).strip();

    assertThat(line).startsWith("{").endsWith("}").doesNotContain("\n");
  }
}
