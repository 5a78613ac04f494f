package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.age.Recipient;
import java.util.Arrays;
import java.util.Base64;

/** Envelopes put together by hand, as another writer might, to test what a reader refuses. */
final class HandMadeEnvelopes {
  private HandMadeEnvelopes() {}

  /** The age plaintext of docs/format.md §3: the binding line, LF, the value. */
  static byte[] plaintext(Binding binding, byte[] value) {
    byte[] line = (binding.canonical() + "\n").getBytes(UTF_8);
    byte[] out = Arrays.copyOf(line, line.length + value.length);
    System.arraycopy(value, 0, out, line.length, value.length);
    return out;
  }

  /** A strict-scope envelope around {@code ageFile}, naming {@code recipient}'s key id. */
  static String strict(Recipient recipient, byte[] ageFile) {
    return "sw1:strict::"
        + KeyId.of(recipient).value()
        + ":"
        + Base64.getEncoder().encodeToString(ageFile);
  }
}
