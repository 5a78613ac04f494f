package dev.sealwright.hpke;

import dev.sealwright.crypto.Bytes;
import dev.sealwright.crypto.Hkdf;
import java.nio.charset.StandardCharsets;

/** RFC 9180's LabeledExtract and LabeledExpand over HKDF-SHA256, for one suite id. */
final class Labels {
  private static final byte[] VERSION = "HPKE-v1".getBytes(StandardCharsets.US_ASCII);
  private final byte[] suiteId;

  Labels(byte[] suiteId) {
    this.suiteId = suiteId.clone();
  }

  byte[] extract(byte[] salt, String label, byte[] ikm) {
    return Hkdf.extract(salt, Bytes.concat(VERSION, suiteId, ascii(label), ikm));
  }

  byte[] expand(byte[] prk, String label, byte[] info, int length) {
    byte[] len = {(byte) (length >>> 8), (byte) length};
    return Hkdf.expand(prk, Bytes.concat(len, VERSION, suiteId, ascii(label), info), length);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] i2osp2(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }
}
