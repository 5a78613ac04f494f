package dev.sealwright.cli.sops;

import dev.sealwright.testing.TestPeers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real sops and age-keygen, to make the SOPS inputs the tests convert: an age identity from
 * age-keygen, files encrypted by {@code sops encrypt}.
 */
public final class SopsPeer {
  static final String VERSION = "v3.13.1";
  final Path dir;
  public final Path identity;
  final String recipient;

  private SopsPeer(Path dir, Path identity, String recipient) {
    this.dir = dir;
    this.identity = identity;
    this.recipient = recipient;
  }

  /** A fresh age identity in {@code dir/sops-age.txt}, made by the real age-keygen. */
  public static SopsPeer in(Path dir) throws Exception {
    Path identity = dir.resolve("sops-age.txt");
    run(dir, Map.of(), TestPeers.ageKeygenCli().toString(), "-o", identity.toString());
    String recipient =
        run(dir, Map.of(), TestPeers.ageKeygenCli().toString(), "-y", identity.toString()).strip();
    return new SopsPeer(dir, identity, recipient);
  }

  static Path binary() {
    return TestPeers.sopsCli(VERSION);
  }

  /**
   * Writes {@code plain} to a temporary file named like {@code encrypted} (sops picks the store by
   * extension), encrypts it to this identity with {@code extraArgs}, and writes {@code encrypted}.
   */
  public Path encrypt(String encrypted, String plain, String... extraArgs) throws Exception {
    return encryptWith(encrypted, plain, Map.of(), concat(List.of("--age", recipient), extraArgs));
  }

  Path encryptWith(String encrypted, String plain, Map<String, String> env, List<String> args)
      throws Exception {
    Path target = dir.resolve(encrypted);
    Files.createDirectories(target.getParent());
    String name = target.getFileName().toString();
    Path plainFile = dir.resolve("plain-" + System.nanoTime() + "-" + name);
    Files.writeString(plainFile, plain);
    List<String> cmd = new ArrayList<>(List.of(binary().toString(), "encrypt"));
    cmd.addAll(args);
    cmd.add(plainFile.toString());
    String out = run(dir, env, cmd.toArray(String[]::new));
    Files.delete(plainFile);
    Files.writeString(target, out);
    return target;
  }

  /** What the real {@code sops decrypt} says of {@code file}, with this identity. */
  String decrypt(Path file) throws Exception {
    return run(
        dir,
        Map.of("SOPS_AGE_KEY_FILE", identity.toString()),
        binary().toString(),
        "decrypt",
        file.toString());
  }

  private static List<String> concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }

  static String run(Path dir, Map<String, String> env, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", dir.toString());
    pb.environment().putAll(env);
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " timed out");
    }
    String stderr = Files.readString(err);
    Files.delete(err);
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + stderr);
    }
    return out;
  }

  static void chmod600(Path p) throws IOException {
    Files.setPosixFilePermissions(
        p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }
}
