package dev.sealwright.age;

import dev.sealwright.secret.SecretBytes;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Collects plaintext chunk by chunk and wipes every array it lets go of, which a {@code
 * ByteArrayOutputStream} does not: its grown-out buffers and its final copy's source stay in the
 * heap until collected.
 */
final class WipingBuffer extends OutputStream {
  private byte[] buf;
  private int size;

  /**
   * @param expected the final size when known (then nothing is ever copied), else a first guess
   */
  WipingBuffer(int expected) {
    buf = new byte[Math.max(expected, 0)];
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  private void ensure(int more) {
    if (size + more <= buf.length) {
      return;
    }
    byte[] grown = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
    Arrays.fill(buf, (byte) 0);
    buf = grown;
  }

  /** What was written, as secret bytes; this buffer is empty afterwards. */
  SecretBytes take() {
    byte[] exact = buf;
    if (size != buf.length) {
      exact = Arrays.copyOf(buf, size);
      Arrays.fill(buf, (byte) 0);
    }
    buf = new byte[0];
    size = 0;
    return SecretBytes.adopt(exact);
  }

  /** Overwrites everything written so far. */
  void wipe() {
    Arrays.fill(buf, (byte) 0);
    size = 0;
  }
}
