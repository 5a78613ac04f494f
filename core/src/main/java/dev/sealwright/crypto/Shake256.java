package dev.sealwright.crypto;

import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * SHAKE256 with an output of any length. From Bouncy Castle: the JDK's "SHAKE256" MessageDigest has
 * a fixed 64-byte output, and age's hybrid keys expand a seed to 96 bytes.
 */
public final class Shake256 {
  private Shake256() {}

  public static byte[] digest(byte[] input, int outputLength) {
    SHAKEDigest d = new SHAKEDigest(256);
    d.update(input, 0, input.length);
    byte[] out = new byte[outputLength];
    d.doFinal(out, 0, outputLength);
    return out;
  }
}
