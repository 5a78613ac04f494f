package dev.sealwright.crypto;

/** Byte-array helpers shared by the age, HPKE and envelope code. */
public final class Bytes {
  private Bytes() {}

  /** The parts, one after the other, in a new array. */
  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
