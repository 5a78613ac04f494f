package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Armor;
import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.age.Stanza;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-envelope limits of docs/format.md: recipients, value size, binary bodies. */
class EnvelopeLimitsTest {
  private static final Binding STRICT =
      Binding.builder().namespace("prod").name("db").item("password").build();
  private static final X25519Identity KEY = AgeKeys.generateX25519();

  @Test
  void seal_overRecipientLimit_refusedWithSize() {
    List<Recipient> many = new ArrayList<>();
    for (int i = 0; i <= Sealer.MAX_RECIPIENTS; i++) {
      many.add(AgeKeys.generateX25519().publicRecipient());
    }
    assertThatThrownBy(() -> Sealer.seal(SecretBytes.copyOf(new byte[1]), STRICT, many))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessageContaining("at most " + Sealer.MAX_RECIPIENTS);
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
    Identity counting =
        new Identity() {
          @Override
          public Optional<SecretBytes> unwrap(List<Stanza> stanzas) throws SealingException {
            unwraps.incrementAndGet();
            return real.unwrap(stanzas);
          }

          @Override
          public Optional<Recipient> recipient() {
            return real.recipient();
          }
        };
    assertThatThrownBy(
            () -> Sealer.open(vector("stanzas_over_limit"), STRICT, Keyring.of(List.of(counting))))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessageContaining("stanzas");
    assertThat(unwraps).hasValue(0);
  }

  @Test
  void open_valueOfExactlyOneMiB_opens() throws Exception {
    byte[] value = new byte[Sealer.MAX_VALUE_SIZE];
    value[0] = 7;
    assertThat(Sealer.open(handMade(value), STRICT, keyring()).toByteArray()).isEqualTo(value);
  }

  @Test
  void open_valueOneByteOverOneMiB_refusedWithSize() {
    // Another writer could put 1 MiB + 1 behind the binding line; the limit is on the value.
    String envelope = handMade(new byte[Sealer.MAX_VALUE_SIZE + 1]);
    assertThatThrownBy(() -> Sealer.open(envelope, STRICT, keyring()))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessageContaining("1 MiB");
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

  private static String handMade(byte[] value) {
    return envelope(Age.encrypt(plaintext(value), List.of(KEY.publicRecipient())));
  }

  private static byte[] plaintext(byte[] value) {
    byte[] line = (STRICT.canonical() + "\n").getBytes(US_ASCII);
    byte[] out = java.util.Arrays.copyOf(line, line.length + value.length);
    System.arraycopy(value, 0, out, line.length, value.length);
    return out;
  }

  private static String envelope(byte[] ageFile) {
    return "sw1:strict::"
        + KeyId.of(KEY.publicRecipient()).value()
        + ":"
        + Base64.getEncoder().encodeToString(ageFile);
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
