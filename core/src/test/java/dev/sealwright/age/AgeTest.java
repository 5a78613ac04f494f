package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgeTest {
  @Test
  void encrypt_hybridWithClassicRecipient_refused() {
    var pq = AgeKeys.generateHybrid().publicRecipient();
    var classic = AgeKeys.generateX25519().publicRecipient();
    assertThatThrownBy(() -> Age.encrypt(new byte[1], List.of(pq, classic)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("post-quantum");
  }

  @Test
  void encrypt_twoHybridRecipients_eachDecrypts() throws Exception {
    var a = AgeKeys.generateHybrid();
    var b = AgeKeys.generateHybrid();
    byte[] file = Age.encrypt("v".getBytes(), List.of(a.publicRecipient(), b.publicRecipient()));
    assertThat(Age.decrypt(file, List.of(a)).toByteArray()).isEqualTo("v".getBytes());
    assertThat(Age.decrypt(file, List.of(b)).toByteArray()).isEqualTo("v".getBytes());
    assertThatThrownBy(() -> Age.decrypt(file, List.of(AgeKeys.generateHybrid())))
        .isInstanceOf(NoMatchingIdentityException.class);
  }

  @Test
  void armor_roundTrip_decodesToSameFile() throws Exception {
    var id = AgeKeys.generateX25519();
    byte[] file = Age.encrypt(new byte[500], List.of(id.publicRecipient()));
    String armored = Armor.encode(file);
    assertThat(Armor.decode(armored.getBytes(StandardCharsets.US_ASCII))).isEqualTo(file);
    assertThat(Age.decrypt(armored.getBytes(StandardCharsets.US_ASCII), List.of(id)).toByteArray())
        .isEqualTo(new byte[500]);
  }

  @Test
  void readIdentityFile_passphraseProtected_asksAndDecrypts() throws Exception {
    var id = AgeKeys.generateHybrid();
    SecretBytes pass = SecretBytes.copyOf("correct horse".getBytes(StandardCharsets.UTF_8));
    byte[] protectedFile =
        Armor.encode(Age.encrypt(id.encoded().toByteArray(), List.of(Scrypt.recipient(pass, 10))))
            .getBytes(StandardCharsets.US_ASCII);
    List<Identity> ids = AgeKeys.readIdentityFile(protectedFile, () -> pass);
    assertThat(ids.get(0).recipient().orElseThrow().encoded())
        .isEqualTo(id.publicRecipient().encoded());
  }

  @Test
  void parseIdentities_badLine_namesLineNotContents() {
    assertThatThrownBy(
            () -> AgeKeys.parseIdentities("# comment\nAGE-SECRET-KEY-1NOTVALIDATALLXX\n"))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("NOTVALID");
  }

  @Test
  void identity_toString_neverPrintsKey() {
    var id = AgeKeys.generateHybrid();
    String secret = new String(id.encoded().toByteArray(), StandardCharsets.US_ASCII);
    assertThat(id.toString()).doesNotContain(secret.substring(20));
    assertThat(id.encoded().toString()).doesNotContain("AGE-SECRET");
  }

  @Test
  void hybridIdentity_encodedRoundTrip_sameRecipient() throws Exception {
    var id = AgeKeys.generateHybrid();
    var parsed =
        AgeKeys.parseIdentity(new String(id.encoded().toByteArray(), StandardCharsets.US_ASCII));
    assertThat(parsed.recipient().orElseThrow().encoded())
        .isEqualTo(id.publicRecipient().encoded());
    assertThat(id.publicRecipient().encoded()).startsWith("age1pq1");
  }
}
