package dev.sealwright.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBytesTest {
  @Test
  void toByteArray_afterDestroy_throws() {
    SecretBytes s = SecretBytes.copyOf(new byte[] {1, 2, 3});
    s.destroy();
    assertThat(s.isDestroyed()).isTrue();
    assertThatThrownBy(s::toByteArray)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("destroyed");
  }

  @Test
  void equalsSecret_withDestroyedOperand_throws() {
    SecretBytes live = SecretBytes.copyOf(new byte[3]);
    SecretBytes wiped = SecretBytes.copyOf(new byte[] {1, 2, 3});
    wiped.destroy();
    // A wiped value is all zeros: it must not compare equal to a real all-zero value.
    assertThatThrownBy(() -> live.equalsSecret(wiped)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> wiped.equalsSecret(live)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void size_afterDestroy_isStillTheLength() {
    SecretBytes s = SecretBytes.copyOf(new byte[5]);
    s.destroy();
    s.destroy();
    assertThat(s.size()).isEqualTo(5);
    assertThat(s.toString()).isEqualTo("SecretBytes[5 bytes, redacted]");
  }

  @Test
  void toString_neverShowsContent() {
    assertThat(SecretBytes.copyOf("hunter2".getBytes()).toString()).doesNotContain("hunter2");
  }

  @Test
  void destroy_adoptedArray_overwritesItWithZeros() {
    byte[] held = {1, 2, 3};
    SecretBytes s = SecretBytes.adopt(held);
    s.destroy();
    assertThat(held).containsOnly(0);
  }

  @Test
  void isDestroyed_freshValue_isFalse() {
    assertThat(SecretBytes.copyOf(new byte[] {1}).isDestroyed()).isFalse();
  }

  @Test
  void equalsSecret_contents_decideEquality() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
    assertThat(a.equalsSecret(SecretBytes.copyOf(new byte[] {1, 2, 3}))).isTrue();
    assertThat(a.equalsSecret(SecretBytes.copyOf(new byte[] {1, 2, 4}))).isFalse();
    assertThat(a.equalsSecret(SecretBytes.copyOf(new byte[] {1, 2}))).isFalse();
    assertThat(a.equalsSecret(null)).isFalse();
  }

  @Test
  void equals_sameContents_equalAndOtherwiseNot() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {7});
    assertThat(a).isEqualTo(SecretBytes.copyOf(new byte[] {7}));
    assertThat(a).isNotEqualTo(SecretBytes.copyOf(new byte[] {8}));
    assertThat(a).isNotEqualTo(new byte[] {7});
  }
}
