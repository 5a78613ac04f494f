package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testing.Processes;
import dev.sealwright.testing.TestPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop both ways with the real implementations: the age CLI (Go, filippo.io/age) and the npm
 * package age-encryption (TypeScript), for the hybrid and the X25519 recipient. Sizes cross the 64
 * KiB chunk boundary.
 */
class AgeInteropTest {
  @TempDir Path tmp;

  private static byte[] plaintext(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private Path identityFile(NativeIdentity id) throws Exception {
    Path f = tmp.resolve("key-" + System.nanoTime() + ".txt");
    Files.write(f, id.encoded().toByteArray());
    return f;
  }

  private static NativeIdentity generate(boolean pq) {
    return pq ? AgeKeys.generateHybrid() : AgeKeys.generateX25519();
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void coreEncrypts_ageCliDecrypts_plaintextMatches(boolean pq) throws Exception {
    NativeIdentity id = generate(pq);
    for (int size : new int[] {0, 64, 65536, 70000}) {
      byte[] pt = plaintext(size);
      byte[] file = Age.encrypt(pt, List.of(id.recipient().orElseThrow()));
      var r =
          Processes.run(
                  List.of(TestPeers.ageCli().toString(), "-d", "-i", identityFile(id).toString()),
                  file)
              .requireSuccess();
      assertThat(r.stdout()).as("size %d", size).isEqualTo(pt);
    }
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void ageCliEncrypts_coreDecrypts_plaintextMatches(boolean pq) throws Exception {
    NativeIdentity id = generate(pq);
    String recipient = id.recipient().orElseThrow().encoded();
    for (boolean armor : new boolean[] {false, true}) {
      byte[] pt = plaintext(70000);
      List<String> cmd = new ArrayList<>(List.of(TestPeers.ageCli().toString(), "-r", recipient));
      if (armor) {
        cmd.add("-a");
      }
      byte[] file = Processes.run(cmd, pt).requireSuccess().stdout();
      SecretBytes out = Age.decrypt(file, List.of(id));
      assertThat(out.toByteArray()).as("armor %s", armor).isEqualTo(pt);
    }
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void ageKeygenIdentity_parsedByCore_opensWhatAgeCliEncrypts(boolean pq) throws Exception {
    Path keygen = TestPeers.ageCli().resolveSibling("age-keygen");
    List<String> cmd = new ArrayList<>(List.of(keygen.toString()));
    if (pq) {
      cmd.add("-pq");
    }
    String keyFile =
        new String(Processes.run(cmd, new byte[0]).requireSuccess().stdout(), US_ASCII);
    List<Identity> ids = AgeKeys.parseIdentities(keyFile);
    String recipient = ids.get(0).recipient().orElseThrow().encoded();
    assertThat(keyFile).contains("# public key: " + recipient);
    byte[] file =
        Processes.run(List.of(TestPeers.ageCli().toString(), "-r", recipient), plaintext(100))
            .requireSuccess()
            .stdout();
    assertThat(Age.decrypt(file, ids).toByteArray()).isEqualTo(plaintext(100));
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void coreEncrypts_npmAgeEncryptionDecrypts_plaintextMatches(boolean pq) throws Exception {
    NativeIdentity id = generate(pq);
    byte[] pt = plaintext(70000);
    byte[] file = Age.encrypt(pt, List.of(id.recipient().orElseThrow()));
    String secret = new String(id.encoded().toByteArray(), US_ASCII);
    var r =
        Processes.run(
            List.of("node", TestPeers.ageEncryptionPeer().toString(), "decrypt", secret), file);
    assertThat(r.requireSuccess().stdout()).isEqualTo(pt);
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void npmAgeEncryptionEncrypts_coreDecrypts_plaintextMatches(boolean pq) throws Exception {
    NativeIdentity id = generate(pq);
    byte[] pt = plaintext(70000);
    String recipient = id.recipient().orElseThrow().encoded();
    byte[] file =
        Processes.run(
                List.of("node", TestPeers.ageEncryptionPeer().toString(), "encrypt", recipient), pt)
            .requireSuccess()
            .stdout();
    assertThat(Age.decrypt(file, List.of(id)).toByteArray()).isEqualTo(pt);
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void npmAgeEncryptionKeygen_parsedByCore_sameRecipient(boolean pq) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("node", TestPeers.ageEncryptionPeer().toString(), "keygen"));
    if (pq) {
      cmd.add("pq");
    }
    String[] pair =
        new String(Processes.run(cmd, new byte[0]).requireSuccess().stdout(), US_ASCII)
            .strip()
            .split(" ");
    Identity id = AgeKeys.parseIdentity(pair[0]);
    assertThat(id.recipient().orElseThrow().encoded()).isEqualTo(pair[1]);
    assertThat(AgeKeys.parseRecipient(pair[1]).encoded()).isEqualTo(pair[1]);
  }
}
