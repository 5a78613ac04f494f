package dev.sealwright.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put the third-party test peers (see testpeers/fetch): the real age CLI, the npm
 * age-encryption package, the CCTV age vectors and the HPKE vectors. Missing peers fail the test
 * with the command that fetches them; they are never skipped.
 */
public final class TestPeers {
  private TestPeers() {}

  public static Path dir() {
    String configured = System.getProperty("sealwright.peers.dir");
    Path dir =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".cache", "sealwright-peers");
    return require(dir);
  }

  public static Path ageCli() {
    return require(dir().resolve("bin/age"));
  }

  public static Path kubesealCli(String version) {
    return require(dir().resolve("bin/kubeseal-" + version));
  }

  /** age's key generator, beside the age CLI. */
  public static Path ageKeygenCli() {
    return require(dir().resolve("bin/age-keygen"));
  }

  /** sops built from github.com/getsops/sops/v3 by testpeers/fetch-gitops. */
  public static Path sopsCli(String version) {
    return require(dir().resolve("bin/sops-" + version));
  }

  /** Bitnami's Sealed Secrets controller, built by testpeers/fetch-gitops. */
  public static Path sealedSecretsController(String version) {
    return require(dir().resolve("bin/sealed-secrets-controller-" + version));
  }

  /** The CRD of Bitnami's SealedSecret, copied from its Go module by testpeers/fetch-gitops. */
  public static Path sealedSecretsCrd(String version) {
    return require(dir().resolve("crds/sealed-secrets-" + version + ".yaml"));
  }

  public static Path cctvAgeVectors() {
    return require(dir().resolve("cctv-age/testdata"));
  }

  public static Path hpkeVectorsDir() {
    return require(dir().resolve("hpke"));
  }

  public static Path ageEncryptionPeer() {
    return require(dir().resolve("npm/age-encryption-peer.mjs"));
  }

  private static Path require(Path p) {
    if (!Files.exists(p)) {
      throw new IllegalStateException(
          p
              + " is missing: run `bash testpeers/fetch` (the Maven build does it in generate-test-resources)");
    }
    return p;
  }
}
