package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.BindingMismatchException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.secret.SecretBytes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Envelopes written without Sealwright code open with {@link Sealer#open}: {@code
 * src/test/shell/seal-with-age.sh} builds them as docs/format.md says, with {@code printf}, the
 * real {@code age} CLI, {@code base64}, {@code sha256sum} and {@code openssl dgst -mac HMAC} (the
 * value tag), to identities made by {@code age-keygen}. The other way, envelopes from {@link
 * Sealer#seal} and {@link Sealer#reseal} are read back by the shell alone, and their value tags
 * recomputed by {@code value-tag.sh}. Neither direction checks Sealwright against its own output.
 */
class IndependentEnvelopesTest {
  private static final byte[] VALUE = "correct horse battery staple".getBytes(US_ASCII);
  private static final String PROD_DB_PASSWORD = "-s strict -n prod -o db -i password";
  private static final Binding STRICT =
      Binding.builder().namespace("prod").name("db").item("password").build();
  private static final String VALUE_KEY = " valuekey=[A-Za-z0-9_-]{43}";

  @TempDir static Path keys;
  private static AgeShell.Key pq;
  private static AgeShell.Key pq2;
  private static AgeShell.Key classic;

  @BeforeAll
  static void generateKeys() throws Exception {
    pq = AgeShell.keygen(keys.resolve("pq.txt"), true);
    pq2 = AgeShell.keygen(keys.resolve("pq2.txt"), true);
    classic = AgeShell.keygen(keys.resolve("classic.txt"), false);
  }

  /** {@code seal-with-age.sh <options> -r <recipient>... < value}; options split at spaces. */
  private static String shellSeal(byte[] value, String options, AgeShell.Key... recipients)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(options.split(" ")));
    for (AgeShell.Key k : recipients) {
      args.addAll(List.of("-r", k.recipient()));
    }
    return AgeShell.seal(value, args.toArray(String[]::new));
  }

  /** Opens to exactly {@code value}; inspection names the key id that sha256sum gives. */
  private static EnvelopeInfo assertOpens(
      String envelope, Binding binding, AgeShell.Key key, byte[] value) throws Exception {
    assertThat(Sealer.open(envelope, binding, key.keyring()).toByteArray()).isEqualTo(value);
    EnvelopeInfo info = Sealer.inspect(envelope);
    assertThat(info.keyIds()).contains(new KeyId(key.keyId()));
    assertThat(Sealer.keyIds(envelope)).isEqualTo(info.keyIds());
    assertThat(info.scope()).isEqualTo(binding.scope());
    assertThat(info.valueLength(binding)).isEqualTo(value.length);
    String[] fields = envelope.split(":", -1);
    assertThat(info.valueTag().map(ValueTag::encoded))
        .isEqualTo(fields.length == 6 ? Optional.of(fields[5]) : Optional.empty());
    return info;
  }

  /** The age plaintext as the shell decrypts it, split at the first LF. */
  private static String[] shellOpen(String envelope, AgeShell.Key key) throws Exception {
    String text = new String(AgeShell.open(envelope, key.file()), US_ASCII);
    int nl = text.indexOf('\n');
    return new String[] {text.substring(0, nl), text.substring(nl + 1)};
  }

  @Test
  void shellSeal_strictPostQuantum_opensAndNamesShellKeyId() throws Exception {
    String env = shellSeal(VALUE, PROD_DB_PASSWORD, pq);
    EnvelopeInfo info = assertOpens(env, STRICT, pq, VALUE);
    assertThat(info.keyIds()).containsExactly(new KeyId(pq.keyId()));
    assertThat(info.stanzaTypes()).containsExactly("mlkem768x25519");
    assertThat(info.postQuantum()).isTrue();
    assertThat(info.serviceAccount()).isEmpty();
  }

  @Test
  void shellSeal_strictClassicX25519_opensAndNamesShellKeyId() throws Exception {
    String env = shellSeal(VALUE, PROD_DB_PASSWORD, classic);
    EnvelopeInfo info = assertOpens(env, STRICT, classic, VALUE);
    assertThat(info.keyIds()).containsExactly(new KeyId(classic.keyId()));
    assertThat(info.stanzaTypes()).containsExactly("X25519");
    assertThat(info.postQuantum()).isFalse();
  }

  @Test
  void shellSeal_namespaceScope_opensUnderAnotherName() throws Exception {
    String env = shellSeal(VALUE, "-s namespace -n prod -i password", pq);
    Binding renamed =
        Binding.builder()
            .scope(Scope.NAMESPACE)
            .namespace("prod")
            .name("web")
            .item("password")
            .build();
    assertOpens(env, renamed, pq, VALUE);
    assertThat(env).startsWith("sw1:namespace::" + pq.keyId() + ":");
  }

  @Test
  void shellSeal_clusterScope_opensInAnotherNamespace() throws Exception {
    String env = shellSeal(VALUE, "-s cluster -i password", classic);
    Binding elsewhere =
        Binding.builder().scope(Scope.CLUSTER).namespace("dev").name("db").item("password").build();
    assertOpens(env, elsewhere, classic, VALUE);
    assertThat(env).startsWith("sw1:cluster::" + classic.keyId() + ":");
  }

  @Test
  void shellSeal_serviceAccountBound_opensOnlyForThatAccount() throws Exception {
    String env = shellSeal(VALUE, PROD_DB_PASSWORD + " -u api", pq);
    Binding bound = STRICT.toBuilder().serviceAccount("api").build();
    EnvelopeInfo info = assertOpens(env, bound, pq, VALUE);
    assertThat(info.serviceAccount()).isEqualTo(Optional.of("api"));
    assertThat(env).startsWith("sw1:strict:api:" + pq.keyId() + ":");
    assertThatThrownBy(() -> Sealer.open(env, STRICT, pq.keyring()))
        .isInstanceOf(BindingMismatchException.class);
  }

  @Test
  void shellSeal_binaryValueWithLineFeedsAndNuls_opensByteForByte() throws Exception {
    byte[] value = new byte[300];
    new Random(11).nextBytes(value);
    value[0] = '\n'; // right after the binding line's LF: only the first LF splits
    value[1] = 0;
    value[150] = '\n';
    value[151] = 0;
    value[299] = '\n';
    assertOpens(shellSeal(value, PROD_DB_PASSWORD, pq), STRICT, pq, value);
  }

  @Test
  void shellSeal_emptyValue_opensToNoBytes() throws Exception {
    String env = shellSeal(new byte[0], PROD_DB_PASSWORD, pq);
    assertOpens(env, STRICT, pq, new byte[0]);
  }

  @Test
  void shellSeal_twoRecipients_eachOpensAndKeyIdsInOrder() throws Exception {
    String env = shellSeal(VALUE, PROD_DB_PASSWORD, pq2, pq);
    EnvelopeInfo info = assertOpens(env, STRICT, pq, VALUE);
    assertOpens(env, STRICT, pq2, VALUE);
    assertThat(info.keyIds()).containsExactly(new KeyId(pq2.keyId()), new KeyId(pq.keyId()));
    assertThat(info.stanzaTypes()).containsExactly("mlkem768x25519", "mlkem768x25519");
  }

  @Test
  void shellSeal_bindingLineNamesAnotherItem_bindingMismatch() throws Exception {
    String env = shellSeal(VALUE, "-s strict -n prod -o db -i username", pq);
    assertThatThrownBy(() -> Sealer.open(env, STRICT, pq.keyring()))
        .isInstanceOf(BindingMismatchException.class)
        .hasMessageContaining("item=username")
        .hasMessageContaining("item=password");
  }

  @Test
  void shellSeal_bindingLineNamesAnotherNamespace_bindingMismatch() throws Exception {
    String env = shellSeal(VALUE, "-s strict -n staging -o db -i password", classic);
    assertThatThrownBy(() -> Sealer.open(env, STRICT, classic.keyring()))
        .isInstanceOf(BindingMismatchException.class)
        .hasMessageContaining("namespace=staging")
        .hasMessageContaining("namespace=prod");
  }

  /**
   * Seals with the broken-envelope {@code option} to each key type; each fails with {@code part}.
   */
  private static void assertAuthenticationFails(
      String option, AuthenticationFailedException.Part part) throws Exception {
    for (AgeShell.Key key : List.of(pq, classic)) {
      String env = shellSeal(VALUE, PROD_DB_PASSWORD + " " + option, key);
      assertThatThrownBy(() -> Sealer.open(env, STRICT, key.keyring()))
          .as(key.recipient())
          .isInstanceOfSatisfying(
              AuthenticationFailedException.class, e -> assertThat(e.part()).isEqualTo(part));
    }
  }

  @Test
  void shellSeal_lastPayloadByteFlipped_authenticationFailed() throws Exception {
    assertAuthenticationFails("-f", AuthenticationFailedException.Part.PAYLOAD);
  }

  @Test
  void shellSeal_armoredBody_malformedForOpenAndInspect() throws Exception {
    String env = shellSeal(VALUE, PROD_DB_PASSWORD + " -a", pq);
    assertThatThrownBy(() -> Sealer.open(env, STRICT, pq.keyring()))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("armored");
    assertThatThrownBy(() -> Sealer.inspect(env))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("armored");
  }

  @Test
  void shellSeal_paddingCutFromBody_malformedNonCanonical() throws Exception {
    // One byte to one X25519 recipient: 22 + 98 + 48 + 16 + (67 + 53 + 1 + 1) + 16 = 322 bytes of
    // age file (docs/format.md §5), not a multiple of 3, so the base64 body ends in padding.
    String env = shellSeal(new byte[] {'x'}, PROD_DB_PASSWORD + " -p", classic);
    assertThat(env.split(":", -1)[4]).doesNotEndWith("=");
    assertThatThrownBy(() -> Sealer.open(env, STRICT, classic.keyring()))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("canonical");
  }

  @Test
  void sealerSeal_shellOpens_bindingLineThenValue() throws Exception {
    byte[] value = {'a', '\n', 0, 'b', 0, '\n'};
    for (AgeShell.Key key : List.of(pq, classic)) {
      String env =
          Sealer.seal(
              SecretBytes.copyOf(value), STRICT, List.of(AgeKeys.parseRecipient(key.recipient())));
      String[] plain = shellOpen(env, key);
      assertThat(plain[0])
          .as(key.recipient())
          .matches(
              "sealwright\\.dev/v1 scope=strict namespace=prod name=db item=password" + VALUE_KEY);
      assertThat(plain[1].getBytes(US_ASCII)).isEqualTo(value);
      assertThat(env.split(":", -1)[3]).isEqualTo(key.keyId());
    }
  }

  @Test
  void sealerSeal_twoRecipientsAndServiceAccount_shellOpensWithEachAndKeyIdsMatch()
      throws Exception {
    Binding bound =
        Binding.builder()
            .scope(Scope.NAMESPACE)
            .namespace("prod")
            .item("password")
            .serviceAccount("api")
            .build();
    String env =
        Sealer.seal(
            SecretBytes.copyOf(VALUE),
            bound,
            List.of(
                AgeKeys.parseRecipient(pq.recipient()), AgeKeys.parseRecipient(pq2.recipient())));
    String[] fields = env.split(":", -1);
    assertThat(fields[1]).isEqualTo("namespace");
    assertThat(fields[2]).isEqualTo("api");
    assertThat(fields[3]).isEqualTo(pq.keyId() + "," + pq2.keyId());
    String[] plain = shellOpen(env, pq);
    assertThat(plain[0])
        .matches(
            "sealwright\\.dev/v1 scope=namespace namespace=prod item=password serviceaccount=api"
                + VALUE_KEY);
    assertThat(plain[1].getBytes(US_ASCII)).isEqualTo(VALUE);
    assertThat(shellOpen(env, pq2)).isEqualTo(plain);
  }

  @Test
  void sealerSealAndReseal_shellRecomputesTheTag_equalsTheSixthField() throws Exception {
    byte[] binary = {'\n', 0, (byte) 0xff, '\n'};
    for (AgeShell.Key key : List.of(pq, classic)) {
      String env =
          Sealer.seal(
              SecretBytes.copyOf(binary), STRICT, List.of(AgeKeys.parseRecipient(key.recipient())));
      assertThat(AgeShell.valueTag(env, key.file()))
          .as(key.recipient())
          .isEqualTo(env.split(":", -1)[5]);
    }
    String env =
        Sealer.seal(
            SecretBytes.copyOf(VALUE), STRICT, List.of(AgeKeys.parseRecipient(pq.recipient())));
    OpenedValue opened = Sealer.openForReseal(env, STRICT, pq.keyring());
    String again = Sealer.reseal(opened, List.of(AgeKeys.parseRecipient(pq2.recipient())));
    opened.destroy();
    assertThat(AgeShell.valueTag(again, pq2.file()))
        .isEqualTo(AgeShell.valueTag(env, pq.file()))
        .isEqualTo(again.split(":", -1)[5]);
  }

  @Test
  void shellSeal_sameTagKeyTwice_sealwrightSaysResealed() throws Exception {
    String key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    String first = shellSeal(VALUE, PROD_DB_PASSWORD + " -K " + key, classic);
    String second = shellSeal(VALUE, PROD_DB_PASSWORD + " -K " + key, pq);
    String other = shellSeal("another".getBytes(US_ASCII), PROD_DB_PASSWORD + " -K " + key, pq);

    assertOpens(first, STRICT, classic, VALUE);
    assertOpens(second, STRICT, pq, VALUE);
    assertThat(ValueChange.between(first, second)).isEqualTo(ValueChange.RESEALED);
    assertThat(ValueChange.between(second, other)).isEqualTo(ValueChange.CHANGED);
    assertThat(ValueChange.between(first, shellSeal(VALUE, PROD_DB_PASSWORD, pq)))
        .isEqualTo(ValueChange.CHANGED);
  }

  @Test
  void shellSeal_withoutValueTag_opensWithNoTagAndStrippedTagFails() throws Exception {
    String old = shellSeal(VALUE, PROD_DB_PASSWORD + " -T", pq);
    assertThat(old.split(":", -1)).hasSize(5);
    assertThat(assertOpens(old, STRICT, pq, VALUE).valueTag()).isEmpty();

    String tagged = shellSeal(VALUE, PROD_DB_PASSWORD, pq);
    String stripped = tagged.substring(0, tagged.lastIndexOf(':'));
    assertThatThrownBy(() -> Sealer.open(stripped, STRICT, pq.keyring()))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(
            () -> Sealer.open(old + ":" + tagged.split(":", -1)[5], STRICT, pq.keyring()))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void shellSeal_clearTagOfAnotherValue_authenticationFailed() throws Exception {
    assertAuthenticationFails("-l", AuthenticationFailedException.Part.VALUE_TAG);
  }
}
