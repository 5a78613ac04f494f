package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.secret.SecretBytes;
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

  static String recipe() throws Exception {
    Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/format.md");
    String text = Files.readString(doc);
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
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), US_ASCII);
    assertThat(p.waitFor()).as("recipe exit code; stderr: %s", err).isZero();
    return out;
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

  @Test
  void recipe_workedExampleOfTheSpec_printsHunter2() throws Exception {
    String doc =
        Files.readString(
            Path.of(System.getProperty("user.dir")).getParent().resolve("docs/format.md"));
    String identity =
        doc.lines().filter(l -> l.startsWith("AGE-SECRET-KEY-1")).findFirst().orElseThrow();
    String envelope =
        doc.lines().filter(l -> l.startsWith("sw1:strict::")).findFirst().orElseThrow();
    assertThat(new String(runRecipe(envelope, identity.getBytes(US_ASCII)), US_ASCII))
        .isEqualTo("hunter2");
    Binding example = Binding.builder().namespace("prod").name("db").item("password").build();
    Keyring keyring = Keyring.of(List.of(AgeKeys.parseIdentity(identity)));
    assertThat(Sealer.open(envelope, example, keyring).toByteArray())
        .isEqualTo("hunter2".getBytes(US_ASCII));
  }
}
