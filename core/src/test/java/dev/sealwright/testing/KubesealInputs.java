package dev.sealwright.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bitnami SealedSecrets made by the real {@code kubeseal} v0.27.1 (offline, {@code --cert}) for a
 * controller-like key that {@code openssl} generates: none of the code under test is involved.
 */
public final class KubesealInputs {
  public static final String VERSION = "v0.27.1";

  private final Path dir;
  private final Path kubeseal;
  private final Path key;
  private final Path certificate;
  private int counter;

  private KubesealInputs(Path dir, Path key, Path certificate) {
    this.dir = dir;
    this.kubeseal = TestPeers.kubesealCli(VERSION);
    this.key = key;
    this.certificate = certificate;
  }

  /**
   * A fresh controller key ({@code tls.key} as PKCS#1, the controller's format) and certificate.
   */
  public static KubesealInputs withNewKey(Path dir, int bits) {
    Path key =
        pkcs1(
            rsaKey(dir.resolve("controller-" + bits + ".p8.pem"), bits),
            dir.resolve("controller-" + bits + ".pem"));
    return new KubesealInputs(
        dir, key, certificate(key, dir.resolve("controller-" + bits + ".crt")));
  }

  /** {@code openssl genpkey}: a fresh RSA key as PKCS#8 PEM in {@code out}. */
  public static Path rsaKey(Path out, int bits) {
    run(
        out.getParent(),
        "openssl",
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:" + bits,
        "-out",
        out.toString());
    return out;
  }

  /** The same key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as the controller writes tls.key. */
  public static Path pkcs1(Path key, Path out) {
    run(
        out.getParent(),
        "openssl",
        "pkey",
        "-in",
        key.toString(),
        "-traditional",
        "-out",
        out.toString());
    return out;
  }

  /** A self-signed certificate for the key, as the controller publishes it (tls.crt). */
  public static Path certificate(Path key, Path out) {
    run(
        out.getParent(),
        "openssl",
        "req",
        "-x509",
        "-new",
        "-key",
        key.toString(),
        "-subj",
        "/O=sealed-secret",
        "-days",
        "1",
        "-out",
        out.toString());
    return out;
  }

  /** Seals for a controller whose certificate ({@code tls.crt}) is {@code certificate}. */
  public static KubesealInputs withCertificate(Path dir, Path certificate) {
    return new KubesealInputs(dir, null, certificate);
  }

  /** The exported private key file, for {@code --keys}; null when made from a certificate. */
  public Path key() {
    return key;
  }

  /**
   * Runs {@code kubeseal --format yaml} on a Secret with {@code data} (raw bytes), extra Secret
   * fields as JSON ({@code extra}, may be empty) and {@code scopeArgs}; returns its output.
   */
  public String seal(
      String namespace, String name, Map<String, byte[]> data, String extra, String... scopeArgs) {
    return seal("yaml", namespace, name, data, extra, scopeArgs);
  }

  /** The same with {@code kubeseal --format json}. */
  public String sealJson(
      String namespace, String name, Map<String, byte[]> data, String extra, String... scopeArgs) {
    return seal("json", namespace, name, data, extra, scopeArgs);
  }

  private String seal(
      String format,
      String namespace,
      String name,
      Map<String, byte[]> data,
      String extra,
      String... scopeArgs) {
    StringBuilder json = new StringBuilder();
    json.append("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"")
        .append(name)
        .append('"');
    if (namespace != null) {
      json.append(",\"namespace\":\"").append(namespace).append('"');
    }
    json.append("},\"data\":{");
    String sep = "";
    for (Map.Entry<String, byte[]> e : data.entrySet()) {
      json.append(sep)
          .append('"')
          .append(e.getKey())
          .append("\":\"")
          .append(Base64.getEncoder().encodeToString(e.getValue()))
          .append('"');
      sep = ",";
    }
    json.append('}').append(extra).append('}');
    Path secret = dir.resolve("secret-" + (++counter) + ".json");
    try {
      Files.writeString(secret, json.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                kubeseal.toString(),
                "--cert",
                certificate.toString(),
                "--format",
                format,
                "--secret-file",
                secret.toString()));
    command.addAll(List.of(scopeArgs));
    return run(dir, command.toArray(String[]::new));
  }

  /** Runs a command in {@code dir}; returns its standard output, failing on a non-zero exit. */
  static String run(Path dir, String... command) {
    try {
      Path out = Files.createTempFile(dir, "out", ".txt");
      Path err = Files.createTempFile(dir, "err", ".txt");
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed:\n" + Files.readString(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
