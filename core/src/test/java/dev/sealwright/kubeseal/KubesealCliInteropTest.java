package dev.sealwright.kubeseal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.AuthenticationFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values sealed by the real {@code kubeseal} CLI, offline with {@code --cert} as users do, opened
 * with the matching {@code tls.key}: the compatibility claim checked against the producer itself.
 */
class KubesealCliInteropTest {
  @TempDir static Path dir;
  private static OpensslKubeseal openssl;
  private static Path kubeseal;
  private static Path certificate;
  private static KubesealOpener opener;

  @BeforeAll
  static void setUp() throws Exception {
    kubeseal = KubesealCli.binary();
    openssl = new OpensslKubeseal(dir);
    // What the controller keeps in its key Secret: a 4096-bit PKCS#1 tls.key and a tls.crt.
    Path key = openssl.generateRsaKey(4096);
    certificate = openssl.certificate(key);
    opener = KubesealOpener.fromPem(Files.readString(openssl.toPkcs1(key)));
  }

  private static String sealRaw(String value, String... scopeArgs) throws Exception {
    Path in = Files.createTempFile(dir, "value", ".txt");
    Files.writeString(in, value);
    String[] command = new String[scopeArgs.length + 6];
    command[0] = kubeseal.toString();
    command[1] = "--raw";
    command[2] = "--cert";
    command[3] = certificate.toString();
    command[4] = "--from-file=" + in;
    command[5] = "--scope";
    System.arraycopy(scopeArgs, 0, command, 6, scopeArgs.length);
    return Files.readString(openssl.stdout(command)).strip();
  }

  @Test
  void openBase64_kubesealRawStrict_returnsValue() throws Exception {
    String sealed = sealRaw("strict-value", "strict", "--namespace", "prod", "--name", "db");

    assertThat(opener.openBase64(sealed, KubesealLabel.strict("prod", "db")).toByteArray())
        .isEqualTo("strict-value".getBytes(UTF_8));
  }

  @Test
  void openBase64_kubesealRawNamespaceWide_returnsValue() throws Exception {
    String sealed = sealRaw("namespace-value", "namespace-wide", "--namespace", "prod");

    assertThat(opener.openBase64(sealed, KubesealLabel.namespaceWide("prod")).toByteArray())
        .isEqualTo("namespace-value".getBytes(UTF_8));
  }

  @Test
  void openBase64_kubesealRawClusterWide_returnsValue() throws Exception {
    String sealed = sealRaw("cluster-value", "cluster-wide");

    assertThat(opener.openBase64(sealed, KubesealLabel.clusterWide()).toByteArray())
        .isEqualTo("cluster-value".getBytes(UTF_8));
  }

  @Test
  void openBase64_kubesealStrictValueUnderAnotherName_failsAuthentication() throws Exception {
    String sealed = sealRaw("strict-value", "strict", "--namespace", "prod", "--name", "db");

    assertThatThrownBy(() -> opener.openBase64(sealed, KubesealLabel.strict("prod", "other")))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void openBase64_itemOfSealedSecretWrittenByKubeseal_returnsDecodedSecretData() throws Exception {
    String data = Base64.getEncoder().encodeToString("tok-123".getBytes(UTF_8));
    Path secret = dir.resolve("secret.json");
    Files.writeString(
        secret,
        """
        {"apiVersion": "v1", "kind": "Secret",
         "metadata": {"name": "web", "namespace": "apps"},
         "data": {"token": "%s"}}
        """
            .formatted(data));
    Path sealedSecret =
        openssl.stdout(
            kubeseal.toString(),
            "--cert",
            certificate.toString(),
            "--format",
            "json",
            "--secret-file",
            secret.toString());
    Matcher token =
        Pattern.compile("\"token\":\\s*\"([A-Za-z0-9+/=]+)\"")
            .matcher(Files.readString(sealedSecret));
    assertThat(token.find()).as("encryptedData.token in kubeseal's output").isTrue();

    assertThat(opener.openBase64(token.group(1), KubesealLabel.strict("apps", "web")).toByteArray())
        .isEqualTo("tok-123".getBytes(UTF_8));
  }
}
