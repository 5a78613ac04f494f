package dev.sealwright.bench.migration;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.secret.SecretBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes the repository the migration benchmark converts: {@code bitnami/ns*}/{@code app*.yaml},
 * Bitnami SealedSecrets sealed by the real kubeseal to a controller key made by openssl (one in ten
 * cluster-wide, one in ten namespace-wide, the rest strict), and {@code sops/ns*}/{@code
 * db*.enc.yaml}, Secret manifests encrypted by the real sops to an age key (half with {@code
 * --encrypted-regex '^(data|stringData)$'} as the SOPS docs recommend for Kubernetes, half wholly).
 * Each object has {@link #ITEMS} items whose values derive from their place ({@link #value}), so no
 * plaintext is kept anywhere: the check recomputes them.
 */
final class MigrationRepository {
  static final List<String> ITEMS = List.of("username", "password", "token");
  static final int NAMESPACES = 20;

  private MigrationRepository() {}

  /** The value of {@code item} of Secret {@code namespace/name}: 32 characters, unique to it. */
  static byte[] value(String namespace, String name, String item) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("sealwright-migration-bench/" + namespace + "/" + name + "/" + item)
                      .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(digest)
          .substring(0, 32)
          .getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String namespace(int i) {
    return String.format(Locale.ROOT, "ns%02d", i % NAMESPACES);
  }

  /**
   * Generates the repository under {@code dir}: the inputs, the controller key ({@code
   * controller.pem}), the SOPS age identity ({@code sops-age.txt}) and the Sealwright cluster key
   * ({@code cluster-identity.txt}, {@code recipients.txt}) the import seals to.
   */
  static void generate(Path dir, Path peers, int bitnami, int sops) throws Exception {
    Files.createDirectories(dir);
    Path work = Files.createTempDirectory("sealwright-migration-gen-");
    try {
      String kubeseal = peers.resolve("bin/kubeseal-v0.27.1").toString();
      String sopsCli = peers.resolve("bin/sops-v3.13.1").toString();
      Path key = dir.resolve("controller.pem");
      Path cert = dir.resolve("controller.crt");
      Path pkcs8 = work.resolve("controller.p8");
      run(
          work,
          null,
          "openssl",
          "genpkey",
          "-algorithm",
          "RSA",
          "-pkeyopt",
          "rsa_keygen_bits:4096",
          "-out",
          pkcs8.toString());
      run(
          work,
          null,
          "openssl",
          "pkey",
          "-in",
          pkcs8.toString(),
          "-traditional",
          "-out",
          key.toString());
      run(
          work,
          null,
          "openssl",
          "req",
          "-x509",
          "-new",
          "-key",
          key.toString(),
          "-subj",
          "/O=sealed-secret",
          "-days",
          "30",
          "-out",
          cert.toString());

      X25519Identity sopsIdentity = AgeKeys.generateX25519();
      write(dir.resolve("sops-age.txt"), sopsIdentity.encoded());
      String sopsRecipient = sopsIdentity.recipient().orElseThrow().encoded();
      HybridIdentity cluster = AgeKeys.generateHybrid();
      write(dir.resolve("cluster-identity.txt"), cluster.encoded());
      Files.writeString(
          dir.resolve("recipients.txt"), cluster.recipient().orElseThrow().encoded() + "\n");

      // Two workers: kubeseal and sops are single-threaded processes; the machine has 2 cores.
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < bitnami; i++) {
        int n = i;
        jobs.add(pool.submit(() -> bitnami(dir, work, kubeseal, cert, n)));
      }
      for (int j = 0; j < sops; j++) {
        int n = j;
        jobs.add(pool.submit(() -> sops(dir, work, sopsCli, sopsRecipient, n)));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Void bitnami(Path dir, Path work, String kubeseal, Path cert, int i)
      throws IOException, InterruptedException {
    String ns = namespace(i);
    String name = String.format(Locale.ROOT, "app%04d", i);
    List<String> command =
        new ArrayList<>(List.of(kubeseal, "--cert", cert.toString(), "--format", "yaml"));
    if (i % 10 == 0) {
      command.addAll(List.of("--scope", "cluster-wide"));
    } else if (i % 10 == 1) {
      command.addAll(List.of("--scope", "namespace-wide"));
    }
    byte[] secret = secretManifest(ns, name, i % 7 == 0 ? "kubernetes.io/basic-auth" : "Opaque");
    Path out = dir.resolve("bitnami").resolve(ns).resolve(name + ".yaml");
    Files.createDirectories(out.getParent());
    run(work, secret, out, command.toArray(String[]::new));
    return null;
  }

  private static Void sops(Path dir, Path work, String sops, String recipient, int j)
      throws IOException, InterruptedException {
    String ns = namespace(j);
    String name = String.format(Locale.ROOT, "db%04d", j);
    Path plain = Files.createTempFile(work, name, ".yaml");
    Files.write(plain, secretManifest(ns, name, "Opaque"));
    List<String> command = new ArrayList<>(List.of(sops, "encrypt", "--age", recipient));
    if (j % 2 == 0) {
      command.addAll(List.of("--encrypted-regex", "^(data|stringData)$"));
    }
    command.addAll(List.of("--input-type", "yaml", "--output-type", "yaml", plain.toString()));
    Path out = dir.resolve("sops").resolve(ns).resolve(name + ".enc.yaml");
    Files.createDirectories(out.getParent());
    run(work, null, out, command.toArray(String[]::new));
    Files.delete(plain);
    return null;
  }

  /** A Secret manifest with the derived values of {@link #ITEMS} as base64 {@code data}. */
  private static byte[] secretManifest(String ns, String name, String type) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: v1\nkind: Secret\nmetadata:\n  name: ")
        .append(name)
        .append("\n  namespace: ")
        .append(ns)
        .append("\n  labels:\n    app: ")
        .append(name)
        .append("\ntype: ")
        .append(type)
        .append("\ndata:\n");
    for (String item : ITEMS) {
      y.append("  ")
          .append(item)
          .append(": ")
          .append(Base64.getEncoder().encodeToString(value(ns, name, item)))
          .append('\n');
    }
    return y.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Path file, SecretBytes secret) throws IOException {
    byte[] bytes = secret.toByteArray();
    try {
      Files.write(file, bytes);
      Files.writeString(file, "\n", java.nio.file.StandardOpenOption.APPEND);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  private static void run(Path work, byte[] stdin, String... command)
      throws IOException, InterruptedException {
    run(work, stdin, null, command);
  }

  private static void run(Path work, byte[] stdin, Path stdout, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.redirectOutput(
        stdout == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.to(stdout.toFile()));
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue());
    }
  }
}
