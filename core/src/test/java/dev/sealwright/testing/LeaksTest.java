package dev.sealwright.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LeaksTest {
  @Test
  void assertNone_secretBase64InsideLongerBase64AtEveryAlignment_caught() {
    for (String prefix : new String[] {"", "a", "ab", "abc"}) {
      String encoded =
          Base64.getEncoder()
              .encodeToString((prefix + "hunter2!" + "tail").getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> Leaks.assertNone("data: " + encoded, "hunter2!"))
          .as("prefix '%s'", prefix)
          .isInstanceOf(AssertionError.class);
    }
  }

  @Test
  void assertNone_keyBytesAsUnpaddedBase64Url_caught() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (0xf0 + i); // high bytes: '-' and '_' in base64url
    }
    String field = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

    assertThatThrownBy(() -> Leaks.assertNone("line valuekey=" + field, key))
        .isInstanceOf(AssertionError.class);
    Leaks.assertNone("line without it", key);
  }

  @Test
  void assertNone_hexEitherCase_caught() {
    assertThatThrownBy(() -> Leaks.assertNone("x 68756E74657232 y", "hunter2"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void forms_ofHunter2_areTheTextItsHexAndItsBase64Cores() {
    assertThat(Leaks.forms("hunter2"))
        .containsExactly(
            "hunter2",
            "68756e74657232",
            "68756E74657232",
            "aHVudGVyM",
            "aHVudGVyM",
            "h1bnRlcj",
            "h1bnRlcj",
            "odW50ZXIy",
            "odW50ZXIy");
  }
}
