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
}
