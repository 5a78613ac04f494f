package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import org.junit.jupiter.api.Test;

/** Bech32 as age reads it; the cases here came from {@link Bech32FuzzTest}. */
class Bech32Test {
  private static final String IDENTITY =
      "AGE-SECRET-KEY-1V86DG49E7CX040NNSCA78RFKJ6EK9DHVVMNZ4SM8W8VGM7MTG3USH5SRX0";
  private static final char KELVIN_SIGN = '\u212A';

  @Test
  void decode_kelvinSignForK_refused() {
    String lookalike = "AGE-SECRET-KEY-1" + IDENTITY.substring(16).replace('K', KELVIN_SIGN);

    assertThat(Bech32.decode(IDENTITY)).isPresent();
    assertThat(Bech32.decode(lookalike)).isEmpty();
  }

  @Test
  void decode_nonAsciiInHumanReadablePart_refused() {
    assertThat(Bech32.decode(IDENTITY.replace("KEY", KELVIN_SIGN + "EY"))).isEmpty();
  }

  @Test
  void parseIdentity_kelvinSignInKey_throwsMalformed() {
    String lookalike = "AGE-SECRET-KEY-1" + IDENTITY.substring(16).replace('K', KELVIN_SIGN);

    assertThatThrownBy(() -> AgeKeys.parseIdentity(lookalike))
        .isInstanceOf(MalformedException.class);
  }

  /**
   * The bytes 1..32 as an {@code age} recipient string, and the same with non-zero padding bits.
   */
  private static final String BYTES_1_TO_32 =
      "age1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7rusqmwn7f2";

  private static final String BYTES_1_TO_32_NONZERO_PADDING =
      "age1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7ruspxc8t5c";

  @Test
  void decode_validString_givesHrpAndBytes() {
    Bech32 b = Bech32.decode(BYTES_1_TO_32).orElseThrow();
    byte[] expected = new byte[32];
    for (int i = 0; i < 32; i++) {
      expected[i] = (byte) (i + 1);
    }
    assertThat(b.hrp()).isEqualTo("age");
    assertThat(b.data()).isEqualTo(expected);
    assertThat(Bech32.encode("age", expected)).isEqualTo(BYTES_1_TO_32);
  }

  @Test
  void decode_nonZeroPaddingBits_refused() {
    // Its checksum is valid: accepting it would give the same key a second spelling.
    assertThat(Bech32.decode(BYTES_1_TO_32_NONZERO_PADDING)).isEmpty();
  }

  @Test
  void decode_oneCharacterChanged_checksumRefusesIt() {
    int last = BYTES_1_TO_32.length() - 1;
    for (int i = 4; i <= last; i++) {
      char c = BYTES_1_TO_32.charAt(i);
      String changed =
          BYTES_1_TO_32.substring(0, i) + (c == 'q' ? 'p' : 'q') + BYTES_1_TO_32.substring(i + 1);
      assertThat(Bech32.decode(changed)).as("character %d changed", i).isEmpty();
    }
  }

  @Test
  void decode_mixedCase_refusedButEitherCaseAlone_accepted() {
    assertThat(Bech32.decode(BYTES_1_TO_32.toUpperCase(java.util.Locale.ROOT))).isPresent();
    assertThat(Bech32.decode(IDENTITY.toLowerCase(java.util.Locale.ROOT))).isPresent();
    assertThat(Bech32.decode("A" + BYTES_1_TO_32.substring(1))).isEmpty();
    assertThat(Bech32.decode(IDENTITY.substring(0, 20) + "x" + IDENTITY.substring(21))).isEmpty();
  }

  @Test
  void decode_noSeparatorOrShortChecksum_refused() {
    assertThat(Bech32.decode("1" + BYTES_1_TO_32.substring(4))).as("empty hrp").isEmpty();
    assertThat(Bech32.decode("age1qqqqq")).as("five characters after the separator").isEmpty();
    assertThat(Bech32.decode("ageqypqxpq9qcrsszg2")).as("no separator").isEmpty();
  }

  @Test
  void encodeDecode_hrpWithTheOutermostPrintableCharacters_roundTrips() {
    // BIP 173: the human-readable part is 33 to 126 (US-ASCII '!' to '~').
    for (String hrp : new String[] {"!", "~", "a!~z"}) {
      String s = Bech32.encode(hrp, new byte[] {1, 2, 3});
      assertThat(Bech32.decode(s))
          .as(hrp)
          .hasValueSatisfying(b -> assertThat(b.hrp()).isEqualTo(hrp));
    }
    assertThat(Bech32.decode("a b1qqqqqqqq")).isEmpty();
    assertThat(Bech32.decode("a\u007f1qqqqqqqq")).isEmpty();
  }

  @Test
  void encodeDecode_emptyAndOddLengthData_roundTrip() {
    for (int n : new int[] {0, 1, 2, 3, 4, 5, 31, 33}) {
      byte[] data = new byte[n];
      java.util.Arrays.fill(data, (byte) 0xa5);
      String s = Bech32.encode("x", data);
      assertThat(Bech32.decode(s))
          .as("%d bytes", n)
          .hasValueSatisfying(b -> assertThat(b.data()).isEqualTo(data));
    }
  }
}
