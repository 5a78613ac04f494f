package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Armor;
import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.secret.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-envelope limits of docs/format.md: recipients, value size, binary bodies. The limits are
 * the spec's numbers written out, never the implementation's constants, so a wrong constant fails.
 */
class EnvelopeLimitsTest {
  private static final Binding STRICT =
      Binding.builder().namespace("prod").name("db").item("password").build();
  private static final X25519Identity KEY = AgeKeys.generateX25519();

  private static List<Recipient> recipients(int count) {
    List<Recipient> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(AgeKeys.generateX25519().publicRecipient());
    }
    return out;
  }

  @Test
  void seal_seventeenRecipients_refusedWithSize() {
    List<Recipient> many = recipients(17);
    assertThatThrownBy(() -> Sealer.seal(SecretBytes.copyOf(new byte[1]), STRICT, many))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessage("17 recipients; an envelope may have at most 16");
  }

  @Test
  void seal_sixteenRecipients_namesEachKeyIdInOrder() throws Exception {
    List<Recipient> sixteen = recipients(16);
    String envelope = Sealer.seal(SecretBytes.copyOf(new byte[1]), STRICT, sixteen);
    assertThat(Sealer.inspect(envelope).keyIds())
        .containsExactlyElementsOf(sixteen.stream().map(KeyId::of).toList());
  }

  @Test
  void keyIds_sixteenInClear_allRead() throws Exception {
    List<KeyId> ids = keyIds(16);
    assertThat(Sealer.keyIds(clearOnly(ids))).containsExactlyElementsOf(ids);
  }

  @Test
  void keyIds_seventeenInClear_refusedWithSize() {
    String envelope = clearOnly(keyIds(17));
    assertThatThrownBy(() -> Sealer.keyIds(envelope))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessage("the envelope names 17 key ids; at most 16 are allowed");
  }

  private static List<KeyId> keyIds(int count) {
    List<KeyId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(new KeyId(String.format("%016x", i)));
    }
    return ids;
  }

  /** The clear fields naming {@code ids}; {@link Sealer#keyIds} never decodes the body. */
  private static String clearOnly(List<KeyId> ids) {
    return "sw1:strict::" + String.join(",", ids.stream().map(KeyId::value).toList()) + ":AAAA";
  }

  @Test
  void keyIds_overLimitVector_refusedBeforeSplitting() throws Exception {
    String envelope = vector("key_ids_over_limit");
    assertThatThrownBy(() -> Sealer.keyIds(envelope))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE));
    assertThatThrownBy(() -> Sealer.inspect(envelope)).isInstanceOf(MalformedException.class);
  }

  @Test
  void open_stanzasOverLimitVector_neverTriesTheKey() throws Exception {
    Identity real = AgeKeys.parseIdentity(line("stanzas_over_limit", "identity"));
    AtomicInteger unwraps = new AtomicInteger();
    assertThatThrownBy(
            () -> Sealer.open(vector("stanzas_over_limit"), STRICT, counting(real, unwraps)))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessageContaining("stanzas");
    assertThat(unwraps).hasValue(0);
  }

  @Test
  void open_valueOfExactlyOneMiB_opens() throws Exception {
    byte[] value = new byte[1_048_576];
    value[0] = 7;
    assertThat(Sealer.open(handMade(value), STRICT, keyring()).toByteArray()).isEqualTo(value);
  }

  @Test
  void open_valueOneByteOverOneMiB_refusedWithSize() {
    // Another writer could put 1 MiB + 1 behind the binding line; the limit is on the value.
    String envelope = handMade(new byte[1_048_577]);
    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, keyring()))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessageContaining("1 MiB");
  }

  @Test
  void open_plaintextOfOneMiBPlusOneKiB_decryptedThenValueRefused() {
    // 1 MiB + 1 KiB of plaintext passes the check before decryption; its value is over 1 MiB.
    AtomicInteger unwraps = new AtomicInteger();
    String envelope = handMade(new byte[1_049_600 - STRICT.canonical().length() - 1]);
    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, counting(unwraps)))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessageContaining("the sealed value is over the 1 MiB limit");
    assertThat(unwraps).hasValue(1);
  }

  @Test
  void open_plaintextOneByteOverOneMiBPlusOneKiB_refusedBeforeDecryption() {
    AtomicInteger unwraps = new AtomicInteger();
    String envelope = handMade(new byte[1_049_601 - STRICT.canonical().length() - 1]);
    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, counting(unwraps)))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessageContaining("over the 1049600-byte limit");
    assertThat(unwraps).hasValue(0);
  }

  @Test
  void armoredBody_openAndInspect_refusedAlike() {
    byte[] age = Age.encrypt(plaintext(new byte[] {1}), List.of(KEY.publicRecipient()));
    String envelope = envelope(Armor.encode(age).getBytes(US_ASCII));
    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, keyring()))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("armored");
    assertThatThrownBy(() -> Sealer.inspect(envelope))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("armored");
  }

  private static Keyring keyring() {
    return Keyring.of(List.of(KEY));
  }

  /** {@link #KEY}, counting its unwrap attempts. */
  private static Keyring counting(AtomicInteger unwraps) {
    return counting(KEY, unwraps);
  }

  private static Keyring counting(Identity real, AtomicInteger unwraps) {
    return CountingKeyring.of(real, unwraps);
  }

  private static String handMade(byte[] value) {
    return envelope(Age.encrypt(plaintext(value), List.of(KEY.publicRecipient())));
  }

  private static byte[] plaintext(byte[] value) {
    return HandMadeEnvelopes.plaintext(STRICT, value);
  }

  private static String envelope(byte[] ageFile) {
    return HandMadeEnvelopes.strict(KEY.publicRecipient(), ageFile);
  }

  private static String vector(String name) throws Exception {
    return line(name, "envelope");
  }

  private static String line(String name, String key) throws Exception {
    for (String l : Files.readAllLines(Path.of("src/test/resources/vectors", name + ".txt"))) {
      if (l.startsWith(key + ": ")) {
        return l.substring(key.length() + 2);
      }
    }
    throw new AssertionError(name + " has no " + key);
  }
}
