package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A recipient whose X25519 key is a point of small order gives every sender the all-zero shared
 * secret: refused when parsed (a usage error for callers), never discovered later by a failed wrap.
 */
class SmallOrderRecipientTest {
  /** 1 and the order-8 point of RFC 7748 (little-endian u-coordinates), besides all zeros. */
  private static final byte[][] SMALL_ORDER = {
    new byte[32], one(), hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")
  };

  private static byte[] one() {
    byte[] b = new byte[32];
    b[0] = 1;
    return b;
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }

  @Test
  void parseX25519_smallOrderPoints_refusedAsMalformedKey() {
    for (byte[] point : SMALL_ORDER) {
      String encoded = Bech32.encode(X25519Recipient.HRP, point);

      assertThatThrownBy(() -> AgeKeys.parseRecipient(encoded))
          .as(encoded)
          .isInstanceOfSatisfying(
              MalformedException.class,
              e -> assertThat(e.part()).isEqualTo(MalformedException.Part.KEY))
          .hasMessageContaining("small order");
    }
  }

  @Test
  void parseHybrid_smallOrderX25519Part_refusedAsMalformedKey() throws Exception {
    String good = HybridIdentity.generate().publicRecipient().encoded();
    byte[] key = Bech32.decode(good).orElseThrow().data();
    Arrays.fill(key, key.length - 32, key.length, (byte) 0);
    String zeroed = Bech32.encode(HybridRecipient.HRP, key);

    assertThatThrownBy(() -> AgeKeys.parseRecipient(zeroed))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.KEY))
        .hasMessageContaining("small order");
  }

  @Test
  void parseX25519_ordinaryKey_accepted() throws Exception {
    String recipient = X25519Identity.generate().recipient().orElseThrow().encoded();

    assertThat(AgeKeys.parseRecipient(recipient).encoded()).isEqualTo(recipient);
  }
}
