package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyIdTest {
  @Test
  void new_notSixteenLowerCaseHexDigits_refused() {
    for (String bad :
        new String[] {
          "", "0123456789abcde", "0123456789abcdef0", "0123456789ABCDEF", "g123456789abcdef"
        }) {
      assertThatThrownBy(() -> new KeyId(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(KeyId.isValid(bad)).as("'%s'", bad).isFalse();
    }
    assertThat(new KeyId("0123456789abcdef").value()).isEqualTo("0123456789abcdef");
  }

  @Test
  void ofRecipientString_firstEightBytesOfSha256() {
    // SHA-256("abc") = ba7816bf8f01cfea 414140de5dae2223 ...
    assertThat(KeyId.ofRecipientString("abc").value()).isEqualTo("ba7816bf8f01cfea");
  }
}
