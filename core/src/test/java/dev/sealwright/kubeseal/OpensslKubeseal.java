package dev.sealwright.kubeseal;

import dev.sealwright.testing.KubesealInputs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Produces kubeseal-layout values without any of the code under test: keys and the RSA-OAEP step
 * come from the {@code openssl} CLI. The CLI has no AES-GCM, so that step uses the JDK directly; it
 * is the part of the construction with no parameters to get wrong beyond the zero nonce.
 */
final class OpensslKubeseal {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;

  OpensslKubeseal(Path dir) {
    this.dir = dir;
  }

  /** A fresh RSA key; returns its PKCS#8 PEM file ({@code openssl genpkey}'s default). */
  Path generateRsaKey(int bits) {
    return KubesealInputs.rsaKey(file("rsa" + bits + ".pem"), bits);
  }

  /** The same key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as the controller writes tls.key. */
  Path toPkcs1(Path key) {
    return KubesealInputs.pkcs1(key, file("pkcs1.pem"));
  }

  /** A self-signed certificate for the key, as the controller publishes it (tls.crt). */
  Path certificate(Path key) {
    return KubesealInputs.certificate(key, file("cert.pem"));
  }

  /** Runs a command in the work directory; returns the file holding its output and errors. */
  Path run(String... command) {
    Path out = file("out");
    execute(out, out, command);
    return out;
  }

  /** Runs a command; returns the file holding its standard output only. */
  Path stdout(String... command) {
    Path out = file("stdout");
    execute(out, file("stderr"), command);
    return out;
  }

  private void execute(Path out, Path err, String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      if (out.equals(err)) {
        builder.redirectErrorStream(true);
      } else {
        builder.redirectError(err.toFile());
      }
      Process process = builder.redirectOutput(out.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed:\n" + Files.readString(err));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Seals like kubeseal: 2-byte length, RSA-OAEP(SHA-256, MGF1-SHA-256, label), AES-GCM. */
  byte[] seal(Path privateKey, byte[] plaintext, String label) {
    return seal(privateKey, plaintext, label, 32);
  }

  /** The same with a session key of {@code sessionKeyBytes} (kubeseal always uses 32: AES-256). */
  byte[] seal(Path privateKey, byte[] plaintext, String label, int sessionKeyBytes) {
    try {
      Path publicKey = privateKey.resolveSibling(privateKey.getFileName() + ".pub");
      if (!Files.exists(publicKey)) {
        run(
            "openssl",
            "pkey",
            "-in",
            privateKey.toString(),
            "-pubout",
            "-out",
            publicKey.toString());
      }
      byte[] sessionKey = new byte[sessionKeyBytes];
      RANDOM.nextBytes(sessionKey);
      Path in = file("session.bin");
      Files.write(in, sessionKey);
      Path out = file("rsa.bin");
      List<String> command =
          new ArrayList<>(
              List.of(
                  "openssl",
                  "pkeyutl",
                  "-encrypt",
                  "-pubin",
                  "-inkey",
                  publicKey.toString(),
                  "-in",
                  in.toString(),
                  "-out",
                  out.toString(),
                  "-pkeyopt",
                  "rsa_padding_mode:oaep",
                  "-pkeyopt",
                  "rsa_oaep_md:sha256",
                  "-pkeyopt",
                  "rsa_mgf1_md:sha256"));
      if (!label.isEmpty()) {
        // pkeyutl takes the OAEP label as hex; the empty (cluster-wide) label is its default.
        byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        command.addAll(
            List.of("-pkeyopt", "rsa_oaep_label:" + HexFormat.of().formatHex(labelBytes)));
      }
      run(command.toArray(String[]::new));
      byte[] rsa = Files.readAllBytes(out);

      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(sessionKey, "AES"),
          new GCMParameterSpec(128, new byte[12]));
      byte[] aes = gcm.doFinal(plaintext);

      return ByteBuffer.allocate(2 + rsa.length + aes.length)
          .putShort((short) rsa.length)
          .put(rsa)
          .put(aes)
          .array();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path file(String name) {
    return dir.resolve(COUNTER.incrementAndGet() + "-" + name);
  }
}
