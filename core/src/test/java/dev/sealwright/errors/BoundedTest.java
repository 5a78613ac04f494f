package dev.sealwright.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTest {
  @Test
  void message_longTenantText_cutToTheBoundWithMarker() {
    String m =
        Bounded.message("item 'x': sealed to key ids " + "0123456789abcdef,".repeat(100_000));
    // docs/operator.md: messages are cut to 1,024 characters.
    assertThat(m).hasSize(1024).endsWith("0123456789abcdef,0123456789ab... (truncated)");
    assertThat(m).startsWith("item 'x': sealed to key ids 0123456789abcdef,");
  }

  @Test
  void message_controlCharacters_replaced() {
    assertThat(Bounded.message("a\nFAKE LOG LINE\r\u001b[31m")).isEqualTo("a?FAKE LOG LINE??[31m");
  }

  @Test
  void message_shortText_unchanged() {
    assertThat(Bounded.message("item 'pw': ok")).isEqualTo("item 'pw': ok");
  }

  @Test
  void message_exactlyTheBound_keptWhole() {
    String m = "x".repeat(Bounded.MESSAGE);
    assertThat(Bounded.message(m)).isEqualTo(m);
    assertThat(Bounded.message(m + "y")).hasSize(Bounded.MESSAGE).endsWith("... (truncated)");
  }

  @Test
  void text_null_isEmpty() {
    assertThat(Bounded.text(null, 10)).isEmpty();
  }
}
