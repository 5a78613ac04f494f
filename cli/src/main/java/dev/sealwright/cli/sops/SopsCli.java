package dev.sealwright.cli.sops;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code sops decrypt}, for files whose data key only another key service (PGP, a cloud
 * KMS, Vault) holds. Runs with the command's environment (so GNUPGHOME, AWS_PROFILE and the like
 * apply) and reads the plaintext from its standard output into memory; sops checks the MAC itself.
 */
public final class SopsCli {
  private static final long TIMEOUT_SECONDS = 120;
  private static final int MAX_STDERR = 4096;

  private final Path executable;
  private final CliEnv env;

  private SopsCli(Path executable, CliEnv env) {
    this.executable = executable;
    this.env = env;
  }

  /** {@code sops} from the command's {@code PATH}, if there is one. */
  public static Optional<SopsCli> onPath(CliEnv env) {
    String path = env.getenv("PATH").orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve("sops");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new SopsCli(candidate, env));
      }
    }
    return Optional.empty();
  }

  /** The decrypted file as sops prints it, in the file's own format. */
  byte[] decrypt(Path file, SopsFormat format, String source) {
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                executable.toString(),
                "decrypt",
                "--input-type",
                format.sopsName(),
                "--output-type",
                format.sopsName(),
                file.toAbsolutePath().toString()));
    pb.environment().clear();
    pb.environment().putAll(env.env());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw CliException.failed(
          "cannot run " + executable + " to decrypt " + source + ": " + e.getMessage(),
          "check that sops is installed and executable");
    }
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread errReader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (InputStream err = p.getErrorStream()) {
                    stderr.write(err.readNBytes(MAX_STDERR));
                    err.transferTo(java.io.OutputStream.nullOutputStream());
                  } catch (IOException ignored) {
                    // the exit code tells
                  }
                });
    byte[] out;
    try (InputStream stdout = p.getInputStream()) {
      out = stdout.readNBytes(Inputs.MAX_INPUT_BYTES + 1);
      if (out.length > Inputs.MAX_INPUT_BYTES) {
        p.destroyForcibly();
        java.util.Arrays.fill(out, (byte) 0);
        throw CliException.failed(
            "sops printed more than " + (Inputs.MAX_INPUT_BYTES >> 20) + " MiB for " + source,
            "is this the right file?");
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        java.util.Arrays.fill(out, (byte) 0);
        throw CliException.failed(
            "sops did not finish decrypting " + source + " within " + TIMEOUT_SECONDS + " s",
            "is it waiting for a key service or a passphrase?");
      }
      errReader.join();
    } catch (IOException e) {
      p.destroyForcibly();
      throw CliException.failed(
          "reading sops' output for " + source + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw CliException.failed("interrupted while sops decrypted " + source);
    }
    if (p.exitValue() != 0) {
      java.util.Arrays.fill(out, (byte) 0);
      String message = stderr.toString(StandardCharsets.UTF_8).strip();
      int newline = message.indexOf('\n');
      throw CliException.failed(
          "sops decrypt "
              + source
              + " failed (exit "
              + p.exitValue()
              + ")"
              + (message.isEmpty()
                  ? ""
                  : ": " + (newline < 0 ? message : message.substring(0, newline))),
          "sops needs the key the file is encrypted to; or give an age identity with -i");
    }
    return out;
  }
}
