package dev.sealwright.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a text shows a secret value in none of the forms it could take in output. In core's
 * test-jar, so the CLI's and the operator's leak checks share it.
 */
public final class Leaks {
  private Leaks() {}

  /**
   * Fails if {@code text} holds {@code secret} as is, in hex (either case), or in standard or
   * URL-safe base64 at any of the three alignments it can have inside longer encoded bytes.
   */
  public static void assertNone(String text, String secret) {
    for (String form : forms(secret)) {
      assertThat(text).as("a form of the secret: %s", form).doesNotContain(form);
    }
  }

  /** Like {@link #assertNone(String, String)} for secret bytes that need not be text (a key). */
  public static void assertNone(String text, byte[] secret) {
    for (String form : forms(secret)) {
      assertThat(text).as("a form of the secret: %s", form).doesNotContain(form);
    }
  }

  public static List<String> forms(String secret) {
    List<String> forms = new ArrayList<>();
    forms.add(secret);
    forms.addAll(forms(secret.getBytes(StandardCharsets.UTF_8)));
    return forms;
  }

  /** The hex and base64 forms of {@code bytes} (not the bytes as text). */
  public static List<String> forms(byte[] bytes) {
    if (bytes.length < 6) {
      // Its base64 cores would be a few characters that turn up in any text by chance.
      throw new IllegalArgumentException("use a secret of 6 bytes or more");
    }
    List<String> forms = new ArrayList<>();
    String hex = HexFormat.of().formatHex(bytes);
    forms.add(hex);
    forms.add(hex.toUpperCase(Locale.ROOT));
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + bytes.length];
      System.arraycopy(bytes, 0, shifted, shift, bytes.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      // Only the characters whose 6 bits all come from the secret: the same whatever surrounds it.
      int from = (8 * shift + 5) / 6;
      int to = (8 * (shift + bytes.length)) / 6;
      String core = encoded.substring(from, to);
      forms.add(core);
      forms.add(core.replace('+', '-').replace('/', '_'));
    }
    return forms;
  }
}
