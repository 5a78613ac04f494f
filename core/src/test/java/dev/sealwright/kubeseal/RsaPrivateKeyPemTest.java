package dev.sealwright.kubeseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files written by the openssl CLI, read back as the controller's exported keys. */
class RsaPrivateKeyPemTest {
  @TempDir static Path dir;
  private static OpensslKubeseal openssl;
  private static Path pkcs8;
  private static String pkcs8Pem;
  private static String pkcs1Pem;

  @BeforeAll
  static void generateKey() throws Exception {
    openssl = new OpensslKubeseal(dir);
    pkcs8 = openssl.generateRsaKey(2048);
    pkcs8Pem = Files.readString(pkcs8);
    pkcs1Pem = Files.readString(openssl.toPkcs1(pkcs8));
  }

  /** The test key's modulus, as openssl prints it. */
  private static BigInteger modulus() throws Exception {
    return modulus(pkcs8);
  }

  private static BigInteger modulus(Path key) throws Exception {
    Path out = openssl.stdout("openssl", "rsa", "-noout", "-modulus", "-in", key.toString());
    String line = Files.readString(out).strip();
    assertThat(line).startsWith("Modulus=");
    return new BigInteger(line.substring("Modulus=".length()), 16);
  }

  @Test
  void parse_pkcs1AndPkcs8OfOneKey_giveTheSameKey() throws Exception {
    RSAPrivateKey fromPkcs1 = RsaPrivateKeyPem.parse(pkcs1Pem).getFirst();
    RSAPrivateKey fromPkcs8 = RsaPrivateKeyPem.parse(pkcs8Pem).getFirst();

    assertThat(fromPkcs1.getModulus()).isEqualTo(fromPkcs8.getModulus());
    assertThat(fromPkcs1.getPrivateExponent()).isEqualTo(fromPkcs8.getPrivateExponent());
    assertThat(fromPkcs1.getModulus().bitLength()).isEqualTo(2048);
  }

  @Test
  void parse_base64OfPemAsInSecretData_readsKey() throws Exception {
    String data = Base64.getEncoder().encodeToString(pkcs1Pem.getBytes(StandardCharsets.US_ASCII));

    assertThat(RsaPrivateKeyPem.parse(data))
        .singleElement()
        .extracting(RSAPrivateKey::getModulus)
        .isEqualTo(modulus());
  }

  @Test
  void parse_certificateAndKeyBundleWithCrlf_readsOnlyTheKey() throws Exception {
    String bundle = Files.readString(openssl.certificate(pkcs8)) + pkcs1Pem;

    assertThat(RsaPrivateKeyPem.parse(bundle.replace("\n", "\r\n")))
        .singleElement()
        .extracting(RSAPrivateKey::getModulus)
        .isEqualTo(modulus());
  }

  @Test
  void parse_twoKeys_readsBothInOrder() throws Exception {
    Path otherKey = openssl.generateRsaKey(2048);
    String other = Files.readString(otherKey);

    List<RSAPrivateKey> keys = RsaPrivateKeyPem.parse(pkcs1Pem + "\n" + other);

    assertThat(keys)
        .extracting(RSAPrivateKey::getModulus)
        .containsExactly(modulus(), modulus(otherKey));
  }

  @Test
  void parse_certificateOnly_throwsNoKeyFound() throws Exception {
    assertKeyError(Files.readString(openssl.certificate(pkcs8)), "no RSA private key found");
  }

  @Test
  void parse_notPem_throwsMalformedKey() {
    assertKeyError("hello, this is not a key", "not PEM");
  }

  @Test
  void parse_ecKey_throwsNotRsa() throws Exception {
    Path ec = dir.resolve("ec.pem");
    openssl.run(
        "openssl",
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        ec.toString());

    assertKeyError(Files.readString(ec), "not a valid RSA key");
  }

  @Test
  void parse_passwordProtectedPkcs8_throwsWithDecryptHint() throws Exception {
    Path encrypted = dir.resolve("encrypted.pem");
    openssl.run(
        "openssl",
        "pkey",
        "-in",
        pkcs8.toString(),
        "-aes256",
        "-passout",
        "pass:x",
        "-out",
        encrypted.toString());

    assertKeyError(Files.readString(encrypted), "password-protected");
  }

  @Test
  void parse_passwordProtectedLegacyPkcs1_throwsWithDecryptHint() throws Exception {
    Path encrypted = dir.resolve("encrypted-legacy.pem");
    openssl.run(
        "openssl",
        "pkey",
        "-in",
        pkcs8.toString(),
        "-traditional",
        "-aes256",
        "-passout",
        "pass:x",
        "-out",
        encrypted.toString());
    assertThat(Files.readString(encrypted)).contains("Proc-Type: 4,ENCRYPTED");

    assertKeyError(Files.readString(encrypted), "password-protected");
  }

  @Test
  void parse_missingEndLine_throwsMalformedKey() {
    String cut = pkcs1Pem.substring(0, pkcs1Pem.indexOf("-----END"));

    assertKeyError(cut, "has no END line");
  }

  @Test
  void parse_corruptBase64_throwsWithoutEchoingKeyMaterial() {
    String[] lines = pkcs1Pem.split("\n");
    String secretLine = lines[3];
    String corrupt =
        pkcs1Pem.replace(secretLine, secretLine.substring(0, 10) + "*" + secretLine.substring(11));

    assertThatThrownBy(() -> RsaPrivateKeyPem.parse(corrupt))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("not valid base64")
        .hasMessageNotContaining(secretLine.substring(12))
        .hasNoCause();
  }

  @Test
  void parse_truncatedDer_throwsInvalidKeyWithoutCause() {
    String[] lines = pkcs1Pem.split("\n");
    // Keep BEGIN, two body lines (a 64-char line is whole base64 groups) and END.
    String truncated = String.join("\n", lines[0], lines[1], lines[2], lines[lines.length - 1]);

    assertThatThrownBy(() -> RsaPrivateKeyPem.parse(truncated))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("not a valid RSA key")
        .hasNoCause();
  }

  @Test
  void parse_endLineOfAnotherType_throwsMalformedKey() {
    String mismatched =
        pkcs1Pem.replace("-----END RSA PRIVATE KEY-----", "-----END PRIVATE KEY-----");

    assertKeyError(mismatched, "ends with a different END line");
  }

  @Test
  void parse_boundaryLineWithoutClosingDashes_throwsMalformedKey() {
    assertKeyError(
        "-----BEGIN RSA PRIVATE KEY\nAAAA\n-----END RSA PRIVATE KEY-----\n", "malformed");
  }

  private static void assertKeyError(String pem, String message) {
    assertThatThrownBy(() -> RsaPrivateKeyPem.parse(pem))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.KEY))
        .hasMessageContaining(message);
  }
}
