package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  private static byte[] hybridKey() {
    return Bech32.decode(AgeKeys.generateHybrid().publicRecipient().encoded()).orElseThrow().data();
  }
}
