package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Recipient;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.errors.BindingMismatchException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The envelope's own checks that neither the vectors nor the tamper tests single out: the clear
 * fields, the binding line inside the age payload, the recipient count at its limit.
 */
class EnvelopeCodecTest {
  private static final Binding STRICT =
      Binding.builder().namespace("prod").name("db").item("password").build();
  private static final X25519Identity KEY = AgeKeys.generateX25519();

  @Test
  void open_keyIdListedTwice_refused() throws Exception {
    String envelope = seal(STRICT);
    String id = KeyId.of(KEY.publicRecipient()).value();
    String twice = envelope.replace(":" + id + ":", ":" + id + "," + id + ":");

    assertThatThrownBy(() -> Sealer.open(twice, STRICT, Keyring.of(List.of(KEY))))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("listed twice");
  }

  @Test
  void open_otherScopeInClear_refusedBeforeAnyKeyIsTried() throws Exception {
    Binding namespaceWide = STRICT.toBuilder().scope(Scope.NAMESPACE).build();
    String envelope = seal(namespaceWide);
    AtomicInteger unwraps = new AtomicInteger();

    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, counting(unwraps)))
        .isInstanceOf(BindingMismatchException.class)
        .hasMessageContaining("'namespace' but is used as 'strict'");
    assertThat(unwraps).hasValue(0);
  }

  @Test
  void open_otherServiceAccountInClear_refusedBeforeAnyKeyIsTriedAndNamed() throws Exception {
    String envelope = seal(STRICT.toBuilder().serviceAccount("app").build());
    AtomicInteger unwraps = new AtomicInteger();

    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, counting(unwraps)))
        .isInstanceOf(BindingMismatchException.class)
        .hasMessageContaining("'strict serviceaccount=app' but is used as 'strict'");
    assertThat(unwraps).hasValue(0);
  }

  @Test
  void open_payloadWithoutBindingLine_refusedAsMalformed() {
    String envelope = handMade("no line feed anywhere".getBytes(UTF_8));

    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, Keyring.of(List.of(KEY))))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.ENVELOPE))
        .hasMessageContaining("no binding line");
  }

  @Test
  void open_payloadWithEmptyBindingLine_refusedAsNotCanonical() {
    String envelope = handMade("\nvalue".getBytes(UTF_8));

    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, Keyring.of(List.of(KEY))))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("not in canonical form");
  }

  @Test
  void seal_exactlyTheRecipientLimit_eachRecipientOpens() throws Exception {
    List<X25519Identity> ids = new ArrayList<>();
    List<Recipient> recipients = new ArrayList<>();
    for (int i = 0; i < Sealer.MAX_RECIPIENTS; i++) {
      X25519Identity id = AgeKeys.generateX25519();
      ids.add(id);
      recipients.add(id.publicRecipient());
    }
    String envelope = Sealer.seal(SecretBytes.copyOf(new byte[] {42}), STRICT, recipients);

    assertThat(Sealer.keyIds(envelope)).hasSize(Sealer.MAX_RECIPIENTS);
    assertThat(Sealer.inspect(envelope).stanzaTypes()).hasSize(Sealer.MAX_RECIPIENTS);
    assertThat(Sealer.open(envelope, STRICT, Keyring.of(List.of(ids.getLast()))).toByteArray())
        .containsExactly(42);
  }

  @Test
  void inspect_moreStanzasThanTheLimit_refusedWithSize() {
    List<Recipient> many = new ArrayList<>();
    for (int i = 0; i <= Sealer.MAX_RECIPIENTS; i++) {
      many.add(AgeKeys.generateX25519().publicRecipient());
    }
    // One key id in clear, seventeen stanzas inside: another writer's envelope.
    String envelope = envelope(Age.encrypt(plaintext(STRICT, new byte[1]), many));

    assertThatThrownBy(() -> Sealer.inspect(envelope))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessageContaining("17 recipient stanzas");
  }

  @Test
  void parse_unknownScope_echoedCutAndPrintable() {
    String scope = "\u001b[31mred-and-a-very-long-scope-name";
    assertThatThrownBy(() -> Sealer.open("sw1:" + scope + ":::", STRICT, Keyring.of(List.of(KEY))))
        .isInstanceOf(MalformedException.class)
        .hasMessageNotContaining("\u001b")
        .hasMessageContaining("unknown scope '%s'", "?[31mred-and-a-very-...");
    assertThatThrownBy(() -> Sealer.inspect("sw1:exactly-twenty-chars:::"))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("unknown scope 'exactly-twenty-chars'");
  }

  @Test
  void parse_sixthFieldNotACanonicalTag_malformedForEveryReader() throws Exception {
    String env = seal(STRICT);
    String clear = env.substring(0, env.lastIndexOf(':') + 1);
    String tag = env.substring(env.lastIndexOf(':') + 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // The 43rd character carries 2 unused bits: setting one keeps the bytes, not the text.
    char unused = alphabet.charAt(alphabet.indexOf(tag.charAt(42)) ^ 1);
    String[] bad = {
      "",
      tag.substring(0, 43),
      tag.substring(0, 42) + unused + "=",
      tag + "A",
      Base64.getEncoder().encodeToString(new byte[31]),
      Base64.getEncoder().encodeToString(new byte[33]),
      tag.substring(0, 43) + "A",
      "!" + tag.substring(1),
      Base64.getUrlEncoder().encodeToString(new byte[] {-1, -1, -1}).repeat(11),
    };
    for (String field : bad) {
      String tampered = clear + field;
      assertThatThrownBy(() -> Sealer.open(tampered, STRICT, Keyring.of(List.of(KEY))))
          .as("'%s'", field)
          .isInstanceOfSatisfying(
              MalformedException.class,
              e -> assertThat(e.part()).isEqualTo(MalformedException.Part.ENVELOPE))
          .hasMessageContaining("value tag");
      assertThatThrownBy(() -> Sealer.inspect(tampered)).isInstanceOf(MalformedException.class);
      assertThatThrownBy(() -> Sealer.valueTag(tampered)).isInstanceOf(MalformedException.class);
      assertThatThrownBy(() -> ValueChange.between(env, tampered))
          .isInstanceOf(MalformedException.class);
    }
  }

  @Test
  void parse_sevenFields_malformedEvenForTheKeyIds() throws Exception {
    String env = seal(STRICT);
    String seven = env + ":" + env.substring(env.lastIndexOf(':') + 1);

    assertThatThrownBy(() -> Sealer.open(seven, STRICT, Keyring.of(List.of(KEY))))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("not a Sealwright v1 envelope");
    assertThatThrownBy(() -> Sealer.keyIds(seven)).isInstanceOf(MalformedException.class);
    assertThatThrownBy(() -> Sealer.inspect(seven)).isInstanceOf(MalformedException.class);
  }

  @Test
  void parse_fiveOrSixFields_bothRead() throws Exception {
    String six = seal(STRICT);
    String five =
        envelope(Age.encrypt(plaintext(STRICT, new byte[1]), List.of(KEY.publicRecipient())));

    assertThat(Sealer.inspect(six).valueTag()).isPresent();
    assertThat(Sealer.inspect(five).valueTag()).isEmpty();
    assertThat(Sealer.keyIds(six)).isEqualTo(Sealer.keyIds(five));
  }

  private static String seal(Binding binding) throws SealingException {
    return Sealer.seal(
        SecretBytes.copyOf("v".getBytes(UTF_8)), binding, List.of(KEY.publicRecipient()));
  }

  private static Keyring counting(AtomicInteger unwraps) {
    return CountingKeyring.of(KEY, unwraps);
  }

  /**
   * An envelope for STRICT whose age plaintext is {@code agePlaintext}, as another writer might.
   */
  private static String handMade(byte[] agePlaintext) {
    return envelope(Age.encrypt(agePlaintext, List.of(KEY.publicRecipient())));
  }

  private static byte[] plaintext(Binding binding, byte[] value) {
    return HandMadeEnvelopes.plaintext(binding, value);
  }

  private static String envelope(byte[] ageFile) {
    return HandMadeEnvelopes.strict(KEY.publicRecipient(), ageFile);
  }
}
