package dev.sealwright.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.io.Inputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs in history are anyone's input: broken ones are warnings, never the end of the walk. */
class HostileHistoryTest {
  @TempDir Path dir;
  String commit;

  private static final String HEADER =
      "apiVersion: sealwright.dev/v1\nkind: SealedSecret\nmetadata:\n  name: x\n  namespace: prod\n";

  @BeforeEach
  void history() {
    byte[] huge = new byte[Inputs.MAX_INPUT_BYTES + 1];
    Arrays.fill(huge, (byte) 'a');
    byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(header, 0, huge, 0, header.length);
    HistoryRepo r = HistoryRepo.init(dir);
    r.seal("ok.sealed.yaml", "prod", "ok", List.of("password"), "cluster")
        .raw("huge.yaml", huge)
        .raw("broken.yaml", HEADER + "spec: {scope: [strict\n")
        .raw("bad-scope.yaml", HEADER + "spec:\n  scope: everywhere\n  encryptedData: {}\n")
        .raw(
            "garbage.yaml",
            HEADER + "spec:\n  scope: strict\n  encryptedData:\n    password: sw1:strict::zz:!!!\n")
        .raw(
            "truncated.json",
            "{\"apiVersion\": \"sealwright.dev/v1\", \"kind\": \"SealedSecret\", ")
        .raw(
            "latin1.yaml",
            "kind: SealedSecret\nnote: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))
        .raw("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n")
        .raw(
            "bitnami.yaml",
            "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: b}\nspec: {encryptedData: {a: AgB}}\n")
        .raw(
            "list.yaml",
            "apiVersion: v1\nkind: List\nitems:\n  - "
                + "{kind: ConfigMap, apiVersion: v1, metadata: {name: c}, data: {SealedSecret: no}}\n");
    r.commit("Mallory", "Add all sorts");
    r.set("ok.sealed.yaml", "password", "cluster");
    commit = r.commit("Alice", "New password");
  }

  @Test
  void exposure_hostileBlobs_areWarningsAndTheRestIsAudited() {
    var r =
        Cli.in(dir)
            .run("audit", "exposure", "--key-id", HistoryRepo.keyId("cluster").value(), "--json");

    assertThat(r.exit()).isEqualTo(ExitCode.FOUND);
    List<String> warnings = r.err().lines().toList();
    assertThat(warnings).hasSize(6).allMatch(l -> l.startsWith("sealwright: warning: "));
    assertThat(String.join("\n", warnings))
        .contains("huge.yaml at ", " is larger than 16 MiB; not checked")
        .contains("broken.yaml at ", "is not valid YAML or JSON")
        .contains("bad-scope.yaml at ", "spec.scope")
        .contains(
            "garbage.yaml at ", "SealedSecret prod/x, item 'password' has a malformed envelope")
        .contains("truncated.json at ")
        .contains("latin1.yaml at ", "is not UTF-8 text")
        .doesNotContain("deploy.yaml", "bitnami.yaml", "list.yaml", "Exception");
    var doc = Json.parse(r.out());
    assertThat(Json.list(doc, "exposed"))
        .extracting(x -> x.get("object") + " " + x.get("item"))
        .containsExactly("prod/ok password", "prod/ok password");
    assertThat((List<?>) doc.get("warnings")).hasSize(6);
  }

  @Test
  void log_garbageEnvelope_isListedWithAWarning() {
    var r = Cli.in(dir).run("log", "garbage.yaml");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).endsWith("| Add all sorts | password: added\n");
    assertThat(r.err()).startsWith("sealwright: warning: garbage.yaml at ").doesNotContain("\n\n");
  }

  @Test
  void log_unreadableFile_saysSoInsteadOfInventingChanges() {
    var r = Cli.in(dir).run("log", "broken.yaml");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("sealwright: warning: broken.yaml at ");
  }
}
