package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.testing.Processes;
import dev.sealwright.testing.TestPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell scripts in {@code core/src/test/shell}, run by {@code sh} with the real age CLI (from
 * the test peers) first on the PATH: envelopes written and read with no Sealwright code involved.
 * Every process gets the timeout of {@link Processes}.
 */
final class AgeShell {
  private static final Path SCRIPTS = Path.of("src/test/shell");

  private AgeShell() {}

  /** An identity made by {@code age-keygen}, its recipient as {@code age-keygen -y} prints it. */
  record Key(Path file, String recipient) {
    /** The identity parsed by Sealwright, which {@link Sealer#open} needs. */
    Keyring keyring() throws Exception {
      return Keyring.of(AgeKeys.parseIdentities(Files.readString(file, US_ASCII)));
    }

    /** The key id as {@code key-id.sh} computes it with {@code sha256sum}. */
    String keyId() throws Exception {
      return AgeShell.keyId(recipient);
    }
  }

  /** Runs {@code age-keygen [-pq] -o file}, then {@code age-keygen -y file}. */
  static Key keygen(Path file, boolean postQuantum) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ageKeygen(), "-o", file.toString()));
    if (postQuantum) {
      cmd.add("-pq");
    }
    run(cmd, new byte[0]);
    return new Key(file, recipientOf(file));
  }

  /** {@code age-keygen -y file}: the recipient of an identity file, by the age CLI. */
  static String recipientOf(Path identityFile) throws Exception {
    return line(run(List.of(ageKeygen(), "-y", identityFile.toString()), new byte[0]));
  }

  // A program is looked up on the test JVM's PATH, not on the one given to the child.
  private static String ageKeygen() {
    return TestPeers.ageCli().resolveSibling("age-keygen").toString();
  }

  static String keyId(String recipient) throws Exception {
    return line(run(List.of("sh", script("key-id.sh"), recipient), new byte[0]));
  }

  /** {@code seal-with-age.sh args < value}: the envelope, without the script's final LF. */
  static String seal(byte[] value, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sh", script("seal-with-age.sh")));
    cmd.addAll(List.of(args));
    return line(run(cmd, value));
  }

  /** {@code open-with-age.sh identity < envelope}: the age plaintext, byte for byte. */
  static byte[] open(String envelope, Path identityFile) throws Exception {
    return run(
        List.of("sh", script("open-with-age.sh"), identityFile.toString()),
        envelope.getBytes(US_ASCII));
  }

  /**
   * {@code value-tag.sh identity < envelope}: the value tag recomputed by {@code openssl dgst -mac
   * HMAC} from the plaintext {@code age -d} gives, padded base64.
   */
  static String valueTag(String envelope, Path identityFile) throws Exception {
    return line(
        run(
            List.of("sh", script("value-tag.sh"), identityFile.toString()),
            envelope.getBytes(US_ASCII)));
  }

  private static byte[] run(List<String> command, byte[] stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", TestPeers.ageCli().getParent() + ":" + System.getenv("PATH"));
    Processes.Result r = Processes.run(pb, stdin);
    if (r.exitCode() != 0) {
      throw new AssertionError(command + " exited with " + r.exitCode() + ": " + r.stderr());
    }
    return r.stdout();
  }

  private static String script(String name) {
    return SCRIPTS.resolve(name).toString();
  }

  /** One line of output, without its LF; more than one line is an error of the script. */
  private static String line(byte[] out) {
    String s = new String(out, US_ASCII);
    if (!s.endsWith("\n") || s.indexOf('\n') != s.length() - 1) {
      throw new AssertionError("expected one line of output, got: " + s);
    }
    return s.substring(0, s.length() - 1);
  }
}
