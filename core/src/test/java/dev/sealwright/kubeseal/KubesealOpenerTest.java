package dev.sealwright.kubeseal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sealwright.envelope.Scope;
import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values sealed with the openssl CLI (never with our code) opened by {@link KubesealOpener}. */
class KubesealOpenerTest {
  private static final byte[] VALUE = "correct horse battery staple".getBytes(UTF_8);

  @TempDir static Path dir;
  private static OpensslKubeseal openssl;
  private static Path key;
  private static Path otherKey;
  private static KubesealOpener opener;

  @BeforeAll
  static void generateKeys() throws Exception {
    openssl = new OpensslKubeseal(dir);
    key = openssl.generateRsaKey(2048);
    otherKey = openssl.generateRsaKey(2048);
    opener = KubesealOpener.fromPem(Files.readString(key));
  }

  private static SecretBytes value() {
    return SecretBytes.copyOf(VALUE);
  }

  @Test
  void open_strictScopeSealedByOpenssl_returnsValue() throws Exception {
    byte[] sealed = openssl.seal(key, VALUE, "prod/db");

    assertThat(opener.open(sealed, KubesealLabel.strict("prod", "db"))).isEqualTo(value());
  }

  @Test
  void open_namespaceWideScopeSealedByOpenssl_returnsValue() throws Exception {
    byte[] sealed = openssl.seal(key, VALUE, "prod");

    assertThat(opener.open(sealed, KubesealLabel.namespaceWide("prod"))).isEqualTo(value());
  }

  @Test
  void open_clusterWideScopeSealedByOpenssl_returnsValue() throws Exception {
    byte[] sealed = openssl.seal(key, VALUE, "");

    assertThat(opener.open(sealed, KubesealLabel.clusterWide())).isEqualTo(value());
  }

  @Test
  void open_controllerLike4096BitPkcs1Key_returnsValue() throws Exception {
    // The controller's default: a 4096-bit key, written to tls.key as PKCS#1.
    Path bigKey = openssl.generateRsaKey(4096);
    String tlsKey = Files.readString(openssl.toPkcs1(bigKey));
    assertThat(tlsKey).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    byte[] sealed = openssl.seal(bigKey, VALUE, "prod/db");

    assertThat(sealed).hasSize(2 + 512 + VALUE.length + 16);
    assertThat(KubesealOpener.fromPem(tlsKey).open(sealed, KubesealLabel.strict("prod", "db")))
        .isEqualTo(value());
  }

  @Test
  void openBase64_encryptedDataValue_returnsValue() throws Exception {
    String encryptedData = Base64.getEncoder().encodeToString(openssl.seal(key, VALUE, "prod/db"));

    assertThat(opener.openBase64(encryptedData, KubesealLabel.of(Scope.STRICT, "prod", "db")))
        .isEqualTo(value());
  }

  @Test
  void open_emptyValue_returnsEmptySecret() throws Exception {
    byte[] sealed = openssl.seal(key, new byte[0], "prod");

    assertThat(opener.open(sealed, KubesealLabel.namespaceWide("prod")).size()).isZero();
  }

  static Stream<Arguments> wrongLabels() {
    return Stream.of(
        Arguments.of("prod/db", KubesealLabel.strict("staging", "db")),
        Arguments.of("prod/db", KubesealLabel.strict("prod", "cache")),
        Arguments.of("prod/db", KubesealLabel.namespaceWide("prod")),
        Arguments.of("prod/db", KubesealLabel.clusterWide()),
        Arguments.of("prod", KubesealLabel.namespaceWide("staging")),
        Arguments.of("prod", KubesealLabel.strict("prod", "db")),
        Arguments.of("prod", KubesealLabel.clusterWide()),
        Arguments.of("", KubesealLabel.namespaceWide("prod")),
        Arguments.of("", KubesealLabel.strict("prod", "db")));
  }

  @ParameterizedTest(name = "sealed for ''{0}'', opened as {1}")
  @MethodSource("wrongLabels")
  void open_valueMovedToAnotherScopeOrPlace_failsAuthentication(
      String sealedFor, KubesealLabel used) {
    byte[] sealed = openssl.seal(key, VALUE, sealedFor);

    assertPayloadFailure(() -> opener.open(sealed, used));
  }

  @Test
  void open_wrongKeyOfSameSize_failsAuthentication() throws Exception {
    byte[] sealed = openssl.seal(otherKey, VALUE, "prod/db");

    assertPayloadFailure(() -> opener.open(sealed, KubesealLabel.strict("prod", "db")));
  }

  @Test
  void fromPem_rotatedKeysWrongOneFirst_opensWithTheRightOne() throws Exception {
    // The controller renews its key every 30 days; old values stay sealed to old keys.
    String keys = Files.readString(otherKey) + Files.readString(openssl.toPkcs1(key));
    byte[] sealed = openssl.seal(key, VALUE, "prod/db");

    assertThat(KubesealOpener.fromPem(keys).open(sealed, KubesealLabel.strict("prod", "db")))
        .isEqualTo(value());
  }

  @Test
  void fromPem_rotatedKeysRightOneFirst_opensWithoutTryingPastIt() throws Exception {
    String keys = Files.readString(key) + Files.readString(otherKey);
    byte[] sealed = openssl.seal(key, VALUE, "prod/db");

    assertThat(KubesealOpener.fromPem(keys).open(sealed, KubesealLabel.strict("prod", "db")))
        .isEqualTo(value());
  }

  @Test
  void open_aes128SessionKey_refusedAsNotWrittenByKubeseal() {
    // Everything else is right: RSA-OAEP to our key and label, a GCM tag that verifies under it.
    byte[] sealed = openssl.seal(key, VALUE, "prod/db", 16);

    assertPayloadFailure(() -> opener.open(sealed, KubesealLabel.strict("prod", "db")));
  }

  @Test
  void open_exactlyTheSizeLimit_notRefusedForSize() {
    // A zero length prefix names no key size there is: the size check let it through.
    byte[] atLimit = new byte[KubesealOpener.MAX_SEALED_SIZE];

    assertThatThrownBy(() -> opener.open(atLimit, KubesealLabel.clusterWide()))
        .isInstanceOf(NoMatchingIdentityException.class);
  }

  @Test
  void open_valueForKeyOfAnotherSize_throwsNoMatchingIdentity() {
    Path smallKey = openssl.generateRsaKey(1024);
    byte[] sealed = openssl.seal(smallKey, VALUE, "prod/db");

    assertThatThrownBy(() -> opener.open(sealed, KubesealLabel.strict("prod", "db")))
        .isInstanceOf(NoMatchingIdentityException.class)
        .hasMessageContaining("1024-bit");
  }

  @Test
  void open_eachByteFlipped_isRejected() {
    byte[] sealed = openssl.seal(key, VALUE, "prod/db");
    KubesealLabel label = KubesealLabel.strict("prod", "db");

    for (int i = 0; i < sealed.length; i++) {
      byte[] flipped = sealed.clone();
      flipped[i] ^= 0x01;
      Throwable thrown =
          catchThrowableOfType(SealingException.class, () -> opener.open(flipped, label));
      if (i < 2) {
        // The length prefix no longer matches the key size, or points past the end.
        assertThat(thrown)
            .as("byte %d", i)
            .isInstanceOfAny(NoMatchingIdentityException.class, MalformedException.class);
      } else {
        assertThat(thrown).as("byte %d", i).isInstanceOf(AuthenticationFailedException.class);
        assertThat(((AuthenticationFailedException) thrown).part())
            .isEqualTo(AuthenticationFailedException.Part.PAYLOAD);
      }
    }
  }

  @Test
  void open_eachTruncation_isRejectedWithDocumentedError() {
    byte[] sealed = openssl.seal(key, VALUE, "prod/db");
    KubesealLabel label = KubesealLabel.strict("prod", "db");
    int minimum = 2 + 256 + 16;

    for (int length = 0; length < sealed.length; length++) {
      byte[] truncated = Arrays.copyOf(sealed, length);
      Throwable thrown =
          catchThrowableOfType(SealingException.class, () -> opener.open(truncated, label));
      if (length < minimum) {
        assertThat(thrown).as("length %d", length).isInstanceOf(MalformedException.class);
        assertThat(((MalformedException) thrown).part())
            .isEqualTo(MalformedException.Part.ENVELOPE);
      } else {
        // Only the GCM part is cut: its tag no longer verifies.
        assertThat(thrown)
            .as("length %d", length)
            .isInstanceOf(AuthenticationFailedException.class);
      }
    }
  }

  // The limit written out: 1 MiB of value, the 2-byte length, the RSA block of the largest key
  // (8192 bits, 1,024 bytes) and the 16-byte GCM tag: 1,049,618 bytes.

  @Test
  void open_atTheLimit_passesTheSizeCheck() {
    // A zero length prefix names a 0-byte RSA block: no key has that size.
    byte[] atLimit = new byte[1_049_618];

    assertThatThrownBy(() -> opener.open(atLimit, KubesealLabel.clusterWide()))
        .isInstanceOf(NoMatchingIdentityException.class);
  }

  @Test
  void open_overOneMebibyteAndLayout_throwsMalformedSize() {
    byte[] huge = new byte[1_049_619];

    assertThatThrownBy(() -> opener.open(huge, KubesealLabel.clusterWide()))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE));
  }

  @Test
  void openBase64_notBase64_throwsMalformedEnvelope() {
    assertThatThrownBy(() -> opener.openBase64("not*base64!", KubesealLabel.clusterWide()))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.ENVELOPE));
  }

  @Test
  void open_wrongKeyWrongLabelOrAltered_failWithOneIdenticalMessage() {
    byte[] sealed = openssl.seal(key, VALUE, "prod/db");
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 0x01;
    byte[] otherKeys = openssl.seal(otherKey, VALUE, "prod/db");
    KubesealLabel label = KubesealLabel.strict("prod", "db");

    String wrongLabel = message(() -> opener.open(sealed, KubesealLabel.strict("prod", "x")));
    String tampered = message(() -> opener.open(altered, label));
    String wrongKey = message(() -> opener.open(otherKeys, label));

    assertThat(wrongLabel).isEqualTo(tampered).isEqualTo(wrongKey).doesNotContain("correct horse");
  }

  private interface Open {
    SecretBytes open() throws SealingException;
  }

  private static void assertPayloadFailure(Open open) {
    assertThatThrownBy(open::open)
        .isInstanceOfSatisfying(
            AuthenticationFailedException.class,
            e -> assertThat(e.part()).isEqualTo(AuthenticationFailedException.Part.PAYLOAD));
  }

  private static String message(Open open) {
    return catchThrowableOfType(AuthenticationFailedException.class, open::open).getMessage();
  }
}
