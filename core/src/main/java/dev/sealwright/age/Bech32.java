package dev.sealwright.age;

import dev.sealwright.crypto.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Bech32 (BIP 173) as age uses it: no length limit, all lower case or all upper case.
 *
 * @param hrp the human-readable part, as written (lower or upper case)
 * @param data the decoded bytes
 */
record Bech32(String hrp, byte[] data) {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };

  static String encode(String hrp, byte[] data) {
    String lowerHrp = hrp.toLowerCase(Locale.ROOT);
    byte[] values = convertBits(data, 8, 5, true).orElseThrow();
    byte[] checksum = checksum(lowerHrp, values);
    StringBuilder sb = new StringBuilder(lowerHrp).append('1');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    for (byte v : checksum) {
      sb.append(CHARSET.charAt(v));
    }
    return hrp.equals(lowerHrp) ? sb.toString() : sb.toString().toUpperCase(Locale.ROOT);
  }

  /** Decodes a Bech32 string, or empty if it is not valid Bech32. */
  static Optional<Bech32> decode(String s) {
    // Checked before case folding: Unicode folds some other characters to ASCII (U+212A KELVIN
    // SIGN to 'k'), which would give one key a second spelling.
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 33 || c > 126) {
        return Optional.empty();
      }
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (!s.equals(lower) && !s.equals(s.toUpperCase(Locale.ROOT))) {
      return Optional.empty();
    }
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || sep + 7 > lower.length()) {
      return Optional.empty();
    }
    String hrp = lower.substring(0, sep);
    byte[] values = new byte[lower.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(lower.charAt(sep + 1 + i));
      if (v < 0) {
        return Optional.empty();
      }
      values[i] = (byte) v;
    }
    byte[] expanded = Bytes.concat(hrpExpand(hrp), values);
    if (polymod(expanded) != 1) {
      return Optional.empty();
    }
    byte[] payload = java.util.Arrays.copyOf(values, values.length - 6);
    return convertBits(payload, 5, 8, false).map(d -> new Bech32(s.substring(0, sep), d));
  }

  private static byte[] checksum(String hrp, byte[] values) {
    byte[] enc = Bytes.concat(hrpExpand(hrp), values, new byte[6]);
    int mod = polymod(enc) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static int polymod(byte[] values) {
    int chk = 1;
    for (byte v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) == 1) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }

  private static byte[] hrpExpand(String hrp) {
    byte[] out = new byte[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = (byte) (hrp.charAt(i) >>> 5);
      out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static Optional<byte[]> convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : in) {
      int value = b & 0xff;
      if ((value >>> from) != 0) {
        return Optional.empty();
      }
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      return Optional.empty();
    }
    return Optional.of(out.toByteArray());
  }
}
