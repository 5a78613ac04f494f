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

  /** The age file of an envelope: its fifth field, whether a sixth (the value tag) follows. */
  static byte[] body(String envelope) {
    return Base64.getDecoder().decode(envelope.split(":", -1)[4]);
  }

  /** {@code envelope} with its fifth field replaced by {@code ageFile}, every other field kept. */
  static String withBody(String envelope, byte[] ageFile) {
    String[] f = envelope.split(":", -1);
    f[4] = Base64.getEncoder().encodeToString(ageFile);
    return String.join(":", f);
  }

  /**
   * A strict-scope envelope around {@code ageFile}, naming {@code recipient}'s key id, without a
   * value tag (as written before value tags).
   */
  static String strict(Recipient recipient, byte[] ageFile) {
    return "sw1:strict::"
        + KeyId.of(recipient).value()
        + ":"
        + Base64.getEncoder().encodeToString(ageFile);
  }
}
