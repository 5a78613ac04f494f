package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testing.Processes;
import dev.sealwright.testing.TestPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the recovery recipe exactly as docs/format.md prints it, with the real age CLI. */
class RecoveryRecipeTest {
  private static final Binding BINDING =
      Binding.builder().namespace("prod").name("db").item("tls.key").build();

  @TempDir Path tmp;

  static String recipe() {
    String text = FormatDoc.text();
    String block =
        text.substring(
            text.indexOf("<!-- recovery-recipe:begin -->"),
            text.indexOf("<!-- recovery-recipe:end -->"));
    return block.substring(block.indexOf("```sh") + 5, block.lastIndexOf("```")).strip();
  }

  private byte[] runRecipe(String envelope, byte[] identity) throws Exception {
    Files.write(tmp.resolve("cluster-key.txt"), identity);
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", recipe()).directory(tmp.toFile());
    pb.environment().put("ENVELOPE", envelope);
    pb.environment().put("PATH", TestPeers.ageCli().getParent() + ":" + System.getenv("PATH"));
    Processes.Result r = Processes.run(pb, new byte[0]);
    assertThat(r.exitCode()).as("recipe exit code; stderr: %s", r.stderr()).isZero();
    return r.stdout();
  }

  @Test
  void recipe_postQuantumEnvelope_printsValueExactly() throws Exception {
    HybridIdentity id = AgeKeys.generateHybrid();
    byte[] value = new byte[300];
    new Random(7).nextBytes(value);
    value[0] = '\n'; // binary values, line feeds included, come back byte for byte
    String env = Sealer.seal(SecretBytes.copyOf(value), BINDING, List.of(id.publicRecipient()));
    assertThat(runRecipe(env, id.encoded().toByteArray())).isEqualTo(value);
  }

  @Test
  void recipe_classicEnvelope_printsValueExactly() throws Exception {
    X25519Identity id = AgeKeys.generateX25519();
    byte[] value = "hunter2".getBytes(US_ASCII);
    String env = Sealer.seal(SecretBytes.copyOf(value), BINDING, List.of(id.publicRecipient()));
    assertThat(runRecipe(env, id.encoded().toByteArray())).isEqualTo(value);
  }

  /** The rest of the worked example is checked by {@link FormatWorkedExampleTest}. */
  @Test
  void recipe_workedExampleOfTheSpec_printsHunter2() throws Exception {
    List<String> example = FormatDoc.codeBlocks(FormatDoc.section("## 6. Worked example"));
    String identity = example.get(0);
    String envelope = example.get(1);
    assertThat(new String(runRecipe(envelope, identity.getBytes(US_ASCII)), US_ASCII))
        .isEqualTo("hunter2");
  }
}
