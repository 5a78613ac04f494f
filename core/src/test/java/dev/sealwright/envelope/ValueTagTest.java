package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.BindingMismatchException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testing.Leaks;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The value tag of docs/format.md §3.1: what {@link Sealer#seal} and {@link Sealer#reseal} write,
 * what opening checks, and what {@link ValueChange} concludes from it.
 */
class ValueTagTest {
  private static final HybridIdentity KEY = AgeKeys.generateHybrid();
  private static final HybridIdentity NEXT = AgeKeys.generateHybrid();
  private static final Keyring KEYRING = Keyring.of(List.of(KEY));
  private static final Binding DB_PASSWORD =
      Binding.builder().namespace("prod").name("db").item("password").build();

  private static String seal(String value, Binding binding) throws SealingException {
    return Sealer.seal(secret(value), binding, List.of(KEY.publicRecipient()));
  }

  private static SecretBytes secret(String value) {
    return SecretBytes.copyOf(value.getBytes(UTF_8));
  }

  /** An envelope of DB_PASSWORD as written before value tags: no valuekey, five fields. */
  private static String untagged(String value) {
    byte[] plaintext = HandMadeEnvelopes.plaintext(DB_PASSWORD, value.getBytes(UTF_8));
    return HandMadeEnvelopes.strict(
        KEY.publicRecipient(), Age.encrypt(plaintext, List.of(KEY.publicRecipient())));
  }

  private static String reseal(String envelope, HybridIdentity to) throws SealingException {
    OpenedValue opened = Sealer.openForReseal(envelope, DB_PASSWORD, KEYRING);
    try {
      return Sealer.reseal(opened, List.of(to.publicRecipient()));
    } finally {
      opened.destroy();
    }
  }

  private static String field(String envelope, int i) {
    return envelope.split(":", -1)[i];
  }

  /** The binding line the envelope seals, decrypted without the envelope code. */
  private static String sealedLine(String envelope) throws Exception {
    byte[] plain = Age.decrypt(HandMadeEnvelopes.body(envelope), List.of(KEY)).toByteArray();
    String text = new String(plain, UTF_8);
    return text.substring(0, text.indexOf('\n'));
  }

  private static byte[] valueKey(String envelope) throws Exception {
    String line = sealedLine(envelope);
    return Base64.getUrlDecoder().decode(line.substring(line.indexOf(" valuekey=") + 10));
  }

  @Test
  void seal_newValue_sixthFieldIsHmacOfTheValueUnderTheSealedKey() throws Exception {
    String env = seal("s3cret-value", DB_PASSWORD);

    assertThat(env.split(":", -1)).hasSize(6);
    assertThat(sealedLine(env))
        .matches(
            "sealwright\\.dev/v1 scope=strict namespace=prod name=db item=password"
                + " valuekey=[A-Za-z0-9_-]{43}");
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(valueKey(env), "HmacSHA256"));
    byte[] expected = hmac.doFinal("sealwright.dev/v1 value-tag\ns3cret-value".getBytes(UTF_8));
    assertThat(field(env, 5)).isEqualTo(Base64.getEncoder().encodeToString(expected));
    assertThat(Sealer.valueTag(env)).contains(ValueTag.of(expected));
    assertThat(Sealer.inspect(env).valueTag()).contains(ValueTag.of(expected));
  }

  @Test
  void open_taggedEnvelope_roundTripsTheValueAndItsLength() throws Exception {
    String env = seal("s3cret-value", DB_PASSWORD);

    assertThat(Sealer.open(env, DB_PASSWORD, KEYRING).toByteArray())
        .isEqualTo("s3cret-value".getBytes(UTF_8));
    assertThat(Sealer.inspect(env).valueLength(DB_PASSWORD)).isEqualTo(12);
    OpenedValue opened = Sealer.openForReseal(env, DB_PASSWORD, KEYRING);
    assertThat(opened.valueTag()).isEqualTo(Sealer.valueTag(env));
    assertThat(opened.binding()).isEqualTo(DB_PASSWORD);
    opened.destroy();
    assertThat(opened.value().isDestroyed()).isTrue();
  }

  @Test
  void reseal_toAnotherKey_keepsTheTagAndOpensToTheSameValue() throws Exception {
    String before = seal("s3cret-value", DB_PASSWORD);
    String after = reseal(before, NEXT);

    assertThat(after).isNotEqualTo(before);
    assertThat(Sealer.keyIds(after)).containsExactly(KeyId.of(NEXT.publicRecipient()));
    assertThat(Sealer.valueTag(after)).isEqualTo(Sealer.valueTag(before)).isPresent();
    assertThat(Sealer.open(after, DB_PASSWORD, Keyring.of(List.of(NEXT))).toByteArray())
        .isEqualTo("s3cret-value".getBytes(UTF_8));
    assertThat(ValueChange.between(before, after)).isEqualTo(ValueChange.RESEALED);
  }

  @Test
  void reseal_twiceToTheSameKey_newEnvelopesSameTag() throws Exception {
    String first = seal("s3cret-value", DB_PASSWORD);
    String second = reseal(first, KEY);
    String third = reseal(second, KEY);

    assertThat(Set.of(first, second, third)).hasSize(3);
    assertThat(ValueChange.between(first, third)).isEqualTo(ValueChange.RESEALED);
  }

  @Test
  void seal_aNewValue_changesTheTag() throws Exception {
    String before = seal("old-password", DB_PASSWORD);
    String after = seal("new-password", DB_PASSWORD);

    assertThat(Sealer.valueTag(after)).isNotEqualTo(Sealer.valueTag(before));
    assertThat(ValueChange.between(before, after)).isEqualTo(ValueChange.CHANGED);
  }

  @Test
  void seal_theSameValueAfresh_reportedAsChanged() throws Exception {
    // A fresh seal has a fresh tag key: equal values sealed apart are never linked.
    assertThat(ValueChange.between(seal("same", DB_PASSWORD), seal("same", DB_PASSWORD)))
        .isEqualTo(ValueChange.CHANGED);
  }

  @Test
  void seal_sameValueForTwoObjects_unrelatedTags() throws Exception {
    Set<ValueTag> tags = new HashSet<>();
    for (String name : List.of("db", "web", "cache", "queue")) {
      Binding b = DB_PASSWORD.toBuilder().name(name).build();
      tags.add(Sealer.valueTag(seal("shared-password", b)).orElseThrow());
      tags.add(Sealer.valueTag(seal("shared-password", b)).orElseThrow());
    }
    assertThat(tags).hasSize(8);
  }

  @Test
  void valueChange_identicalEnvelopes_unchanged() throws Exception {
    String env = seal("v", DB_PASSWORD);
    assertThat(ValueChange.between(env, env)).isEqualTo(ValueChange.UNCHANGED);
    assertThat(ValueChange.between("not an envelope", "not an envelope"))
        .isEqualTo(ValueChange.UNCHANGED);
  }

  @Test
  void open_clearTagOfAnotherValue_authenticationFailed() throws Exception {
    String genuine = seal("new-password", DB_PASSWORD);
    String old = seal("old-password", DB_PASSWORD);
    // A committer keeps the old tag on the new value, so that it would pass for a re-seal.
    String lying = genuine.substring(0, genuine.lastIndexOf(':') + 1) + field(old, 5);

    assertThat(ValueChange.between(old, lying)).isEqualTo(ValueChange.RESEALED);
    assertThatThrownBy(() -> Sealer.open(lying, DB_PASSWORD, KEYRING))
        .isInstanceOfSatisfying(
            AuthenticationFailedException.class,
            e -> assertThat(e.part()).isEqualTo(AuthenticationFailedException.Part.VALUE_TAG));
    assertThatThrownBy(() -> Sealer.openForReseal(lying, DB_PASSWORD, KEYRING))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void open_sixthFieldRemoved_authenticationFailed() throws Exception {
    String env = seal("s3cret-value", DB_PASSWORD);
    String stripped = env.substring(0, env.lastIndexOf(':'));

    assertThat(Sealer.inspect(stripped).valueTag()).isEmpty();
    assertThatThrownBy(() -> Sealer.open(stripped, DB_PASSWORD, KEYRING))
        .isInstanceOfSatisfying(
            AuthenticationFailedException.class,
            e -> assertThat(e.part()).isEqualTo(AuthenticationFailedException.Part.VALUE_TAG));
  }

  @Test
  void open_tagAddedToAnEnvelopeWithoutValueKey_authenticationFailed() throws Exception {
    String old = untagged("s3cret-value");
    String added = old + ":" + field(seal("s3cret-value", DB_PASSWORD), 5);

    assertThat(Sealer.open(old, DB_PASSWORD, KEYRING).toByteArray())
        .isEqualTo("s3cret-value".getBytes(UTF_8));
    assertThatThrownBy(() -> Sealer.open(added, DB_PASSWORD, KEYRING))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void envelopeWithoutTag_opensAndReportsUnknown_resealGetsAFreshTag() throws Exception {
    String old = untagged("s3cret-value");

    assertThat(Sealer.valueTag(old)).isEmpty();
    assertThat(Sealer.inspect(old).valueLength(DB_PASSWORD)).isEqualTo(12);
    String again = reseal(old, KEY);
    assertThat(Sealer.valueTag(again)).isPresent();
    assertThat(ValueChange.between(old, again)).isEqualTo(ValueChange.UNKNOWN);
    assertThat(ValueChange.between(again, reseal(again, NEXT))).isEqualTo(ValueChange.RESEALED);
  }

  @Test
  void open_boundElsewhere_mismatchMessageHoldsNoFormOfTheValueKey() throws Exception {
    String env = seal("s3cret-value", DB_PASSWORD);
    byte[] r = valueKey(env);
    Binding moved = DB_PASSWORD.toBuilder().item("username").build();

    assertThatThrownBy(() -> Sealer.open(env, moved, KEYRING))
        .isInstanceOf(BindingMismatchException.class)
        .hasMessageContaining("item=password")
        .hasMessageNotContaining("valuekey")
        .satisfies(e -> Leaks.assertNone(e.getMessage(), r));
    OpenedValue opened = Sealer.openForReseal(env, DB_PASSWORD, KEYRING);
    Leaks.assertNone(opened.toString(), r);
    Leaks.assertNone(opened.binding().toString(), r);
    opened.destroy();
  }

  @Test
  void reseal_keepsTheKeyOnlyForTheBindingItWasOpenedFor() throws Exception {
    // The opened value carries its binding; reseal seals for that one, so a tag never moves items.
    OpenedValue opened =
        Sealer.openForReseal(seal("s3cret-value", DB_PASSWORD), DB_PASSWORD, KEYRING);
    String again = Sealer.reseal(opened, List.of(NEXT.publicRecipient()));
    opened.destroy();

    assertThatThrownBy(
            () ->
                Sealer.open(
                    again,
                    DB_PASSWORD.toBuilder().item("username").build(),
                    Keyring.of(List.of(NEXT))))
        .isInstanceOf(BindingMismatchException.class);
  }

  @Test
  void reseal_mixedRecipientTypesRefused_likeSeal() {
    X25519Identity classic = AgeKeys.generateX25519();
    assertThatThrownBy(
            () -> {
              OpenedValue opened =
                  Sealer.openForReseal(seal("v", DB_PASSWORD), DB_PASSWORD, KEYRING);
              Sealer.reseal(opened, List.of(NEXT.publicRecipient(), classic.publicRecipient()));
            })
        .isInstanceOf(SealingException.class);
  }

  @Test
  void valueTag_printsAShortHexPrefix_equalsByContent() {
    byte[] bytes = new byte[32];
    bytes[0] = 0x1a;
    bytes[1] = 0x2b;
    bytes[2] = 0x3c;
    bytes[3] = 0x4d;
    ValueTag tag = ValueTag.of(bytes);
    bytes[0] = 0; // of() copied

    assertThat(tag).hasToString("vt:1a2b3c4d");
    assertThat(tag.bytes()[0]).isEqualTo((byte) 0x1a);
    assertThat(tag).isEqualTo(ValueTag.of(tag.bytes())).hasSameHashCodeAs(ValueTag.of(tag.bytes()));
    assertThat(tag).isNotEqualTo(ValueTag.of(bytes));
    assertThat(tag.encoded()).hasSize(44).endsWith("=");
    assertThatThrownBy(() -> ValueTag.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
