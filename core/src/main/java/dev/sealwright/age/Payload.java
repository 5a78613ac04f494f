package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.crypto.Hkdf;
import dev.sealwright.crypto.InsecureNonceChaCha20Poly1305;
import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.MalformedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The age payload: a 16-byte nonce, then the plaintext in 64 KiB chunks under ChaCha20-Poly1305
 * (STREAM), each nonce an 11-byte big-endian counter and a last-chunk flag.
 */
final class Payload {
  static final int NONCE_SIZE = 16;
  static final int CHUNK_SIZE = 64 * 1024;
  private static final byte[] NO_AAD = new byte[0];
  private static final int ENCRYPTED_CHUNK_SIZE =
      CHUNK_SIZE + InsecureNonceChaCha20Poly1305.TAG_SIZE;

  private Payload() {}

  /**
   * The plaintext length of a payload of {@code payloadLength} bytes (nonce included), from the
   * chunk layout alone.
   *
   * @throws MalformedException if no payload of that size can exist
   */
  static long plaintextLength(long payloadLength) throws MalformedException {
    long ciphertext = payloadLength - NONCE_SIZE;
    long chunks = Math.max(1, (ciphertext + ENCRYPTED_CHUNK_SIZE - 1) / ENCRYPTED_CHUNK_SIZE);
    long length = ciphertext - chunks * InsecureNonceChaCha20Poly1305.TAG_SIZE;
    if (ciphertext < InsecureNonceChaCha20Poly1305.TAG_SIZE || length < 0) {
      throw new MalformedException(MalformedException.Part.HEADER, "the age payload is truncated");
    }
    return length;
  }

  static byte[] insecureEncryptWithNonce(byte[] fileKey, byte[] nonce, byte[] plaintext) {
    byte[] key = payloadKey(fileKey, nonce);
    ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 64);
    out.writeBytes(nonce);
    long counter = 0;
    int off = 0;
    do {
      int n = Math.min(CHUNK_SIZE, plaintext.length - off);
      boolean last = off + n == plaintext.length;
      byte[] chunk = Arrays.copyOfRange(plaintext, off, off + n);
      out.writeBytes(
          InsecureNonceChaCha20Poly1305.seal(key, chunkNonce(counter++, last), chunk, new byte[0]));
      Arrays.fill(chunk, (byte) 0);
      off += n;
    } while (off < plaintext.length);
    Arrays.fill(key, (byte) 0);
    return out.toByteArray();
  }

  /**
   * Decrypts the payload starting at {@code offset}, writing each chunk to {@code sink} only after
   * its tag verified, so a failure leaves exactly the authenticated prefix in the sink.
   */
  static void decrypt(byte[] fileKey, byte[] file, int offset, OutputStream sink)
      throws MalformedException, AuthenticationFailedException {
    if (file.length - offset < NONCE_SIZE) {
      throw new MalformedException(
          MalformedException.Part.HEADER,
          "invalid age file: the payload nonce is missing or short");
    }
    byte[] nonce = Arrays.copyOfRange(file, offset, offset + NONCE_SIZE);
    byte[] key = payloadKey(fileKey, nonce);
    try {
      decryptChunks(key, file, offset + NONCE_SIZE, sink);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static void decryptChunks(byte[] key, byte[] file, int start, OutputStream sink)
      throws AuthenticationFailedException {
    int pos = start;
    long counter = 0;
    while (true) {
      int remaining = file.length - pos;
      if (remaining == 0 && counter > 0) {
        throw payloadFailure("the file ends without a final chunk");
      }
      int n = Math.min(remaining, ENCRYPTED_CHUNK_SIZE);
      if (n < InsecureNonceChaCha20Poly1305.TAG_SIZE) {
        throw payloadFailure("a chunk is truncated or missing");
      }
      byte[] chunk = Arrays.copyOfRange(file, pos, pos + n);
      boolean last = n < ENCRYPTED_CHUNK_SIZE;
      Optional<byte[]> plaintext =
          InsecureNonceChaCha20Poly1305.open(key, chunkNonce(counter, last), chunk, NO_AAD);
      if (plaintext.isEmpty() && !last) {
        // A full chunk may still be the final one.
        last = true;
        plaintext =
            InsecureNonceChaCha20Poly1305.open(key, chunkNonce(counter, true), chunk, NO_AAD);
      }
      byte[] p = plaintext.orElseThrow(() -> payloadFailure("a chunk failed authentication"));
      if (last && p.length == 0 && counter > 0) {
        throw payloadFailure("the last chunk is empty");
      }
      try {
        sink.write(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        Arrays.fill(p, (byte) 0);
      }
      pos += n;
      counter++;
      if (last) {
        if (pos != file.length) {
          throw payloadFailure("data follows the final chunk");
        }
        return;
      }
    }
  }

  private static AuthenticationFailedException payloadFailure(String why) {
    return new AuthenticationFailedException(
        AuthenticationFailedException.Part.PAYLOAD,
        "the encrypted payload was altered or truncated: " + why);
  }

  private static byte[] payloadKey(byte[] fileKey, byte[] nonce) {
    return Hkdf.derive(
        fileKey, nonce, "payload".getBytes(US_ASCII), InsecureNonceChaCha20Poly1305.KEY_SIZE);
  }

  private static byte[] chunkNonce(long counter, boolean last) {
    byte[] n = new byte[InsecureNonceChaCha20Poly1305.NONCE_SIZE];
    for (int i = 0; i < 8; i++) {
      n[10 - i] = (byte) (counter >>> (8 * i));
    }
    n[11] = (byte) (last ? 1 : 0);
    return n;
  }
}
