package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Recipients that parse must be usable: this key parsed before and then failed the seal with an
 * IllegalStateException (exit 4 in the CLI). Found by {@link AgeKeysFuzzTest}'s raw-key inputs;
 * small-order keys are in {@link SmallOrderRecipientTest}.
 */
class AgeKeysTest {

  @Test
  void parseRecipient_postQuantumCoefficientNotBelowQ_throwsMalformed() {
    byte[] key = hybridKey();
    key[0] = (byte) 0xff;
    key[1] = (byte) (key[1] | 0x0f); // the first 12-bit coefficient is 0xfff, not below q = 3329

    assertThatThrownBy(() -> AgeKeys.parseRecipient(Bech32.encode(HybridRecipient.HRP, key)))
        .isInstanceOf(MalformedException.class);
  }

  @Test
  void parseRecipient_generatedKeys_wrapAFileKeyTheIdentityUnwraps() throws Exception {
    byte[] fileKey = "sixteen byte key".getBytes(StandardCharsets.US_ASCII);
    for (NativeIdentity id :
        new NativeIdentity[] {AgeKeys.generateX25519(), AgeKeys.generateHybrid()}) {
      Recipient parsed = AgeKeys.parseRecipient(id.recipient().orElseThrow().encoded());
      List<Stanza> stanzas = parsed.wrap(fileKey);
      assertThat(stanzas)
          .singleElement()
          .extracting(Stanza::type)
          .isEqualTo(id instanceof HybridIdentity ? "mlkem768x25519" : "X25519");
      assertThat(id.unwrap(stanzas).orElseThrow().toByteArray()).isEqualTo(fileKey);
    }
  }

  @Test
  void parse_wrongLengthOrPrefix_refusedForEveryKeyType() throws Exception {
    byte[] key = new byte[32];
    key[0] = 9; // the X25519 base point: not of small order
    byte[] short31 = new byte[31];
    byte[] long33 = new byte[33];
    List<ThrowingCallable> refusals =
        List.of(
            () -> X25519Recipient.parse(Bech32.encode("age", short31)),
            () -> X25519Recipient.parse(Bech32.encode("age", long33)),
            () -> X25519Recipient.parse(Bech32.encode("agf", key)),
            () -> X25519Recipient.parse("age1notbech32"),
            () -> X25519Identity.parse(Bech32.encode("AGE-SECRET-KEY-", short31)),
            () -> X25519Identity.parse(Bech32.encode("AGE-SECRET-KEY-", long33)),
            () -> X25519Identity.parse(Bech32.encode("AGE-SECRET-KEZ-", key)),
            () -> X25519Identity.parse("AGE-SECRET-KEY-1NOTBECH32"),
            () -> HybridIdentity.parse(Bech32.encode("AGE-SECRET-KEY-PQ-", short31)),
            () -> HybridIdentity.parse(Bech32.encode("AGE-SECRET-KEY-PQ-", long33)),
            () -> HybridIdentity.parse(Bech32.encode("AGE-SECRET-KEY-PX-", key)),
            () -> HybridIdentity.parse("AGE-SECRET-KEY-PQ-1NOTBECH32"),
            () -> HybridRecipient.parse(Bech32.encode("age1px", hybridKey())),
            () -> HybridRecipient.parse(Bech32.encode("age1pq", Arrays.copyOf(hybridKey(), 1215))),
            () -> HybridRecipient.parse(Bech32.encode("age1pq", Arrays.copyOf(hybridKey(), 1217))),
            () -> HybridRecipient.parse("age1pq1notbech32"));
    for (int i = 0; i < refusals.size(); i++) {
      assertThatThrownBy(refusals.get(i))
          .as("case %d", i)
          .isInstanceOfSatisfying(
              MalformedException.class,
              e -> assertThat(e.part()).isEqualTo(MalformedException.Part.KEY));
    }
    assertThat(X25519Recipient.parse(Bech32.encode("age", key)).encoded()).startsWith("age1");
    assertThat(X25519Identity.parse(Bech32.encode("AGE-SECRET-KEY-", key)).recipient()).isPresent();
    assertThat(HybridIdentity.parse(Bech32.encode("AGE-SECRET-KEY-PQ-", key)).recipient())
        .isPresent();
  }

  @Test
  void parseRecipientAndIdentity_otherKinds_namedAsUnknownType() {
    assertThatThrownBy(() -> AgeKeys.parseRecipient("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5"))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("unknown recipient type");
    assertThatThrownBy(() -> AgeKeys.parseIdentity("AGE-PLUGIN-YUBIKEY-1QQQQQQ"))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("unknown identity type");
  }

  @Test
  void parseIdentities_onlyComments_refused() {
    assertThatThrownBy(() -> AgeKeys.parseIdentities("# nothing here\n\n"))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("holds no identity");
  }

  private static byte[] hybridKey() {
    return Bech32.decode(AgeKeys.generateHybrid().publicRecipient().encoded()).orElseThrow().data();
  }
}
