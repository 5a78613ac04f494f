package dev.sealwright.kubeseal;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.MalformedException.Part;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the RSA private keys of a Sealed Secrets controller from PEM: {@code RSA PRIVATE KEY}
 * (PKCS#1, what the controller writes to {@code tls.key}) and {@code PRIVATE KEY} (PKCS#8).
 * Certificates and other blocks are skipped, so a {@code tls.crt} + {@code tls.key} bundle works.
 *
 * <p>JDK only: {@code java.security.PEMDecoder} is still a preview API in JDK 25, and the JDK's
 * {@code KeyFactory} reads only PKCS#8, so PKCS#1 is wrapped into a PKCS#8 structure here.
 */
final class RsaPrivateKeyPem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM_ID =
      HexFormat.of().parseHex("300d06092a864886f70d0101010500");

  /** DER of INTEGER 0, the PrivateKeyInfo version. */
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private RsaPrivateKeyPem() {}

  /**
   * @param pem PEM text, or the base64 of PEM text as in a Secret's {@code data.tls.key}
   * @return every RSA private key in the input, in order; never empty
   */
  static List<RSAPrivateKey> parse(String pem) throws MalformedException {
    String text = pem.contains(BEGIN) ? pem : decodeWrappedPem(pem);
    List<RSAPrivateKey> keys = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith(BEGIN)) {
        continue;
      }
      String type = label(line, BEGIN);
      StringBuilder body = new StringBuilder();
      boolean encrypted = false;
      boolean ended = false;
      for (i++; i < lines.length; i++) {
        String inner = lines[i].strip();
        if (inner.startsWith(END)) {
          if (!type.equals(label(inner, END))) {
            throw bad("the PEM block '" + type + "' ends with a different END line");
          }
          ended = true;
          break;
        }
        if (inner.contains(":")) {
          // RFC 1421 headers: OpenSSL's legacy encrypted keys say "Proc-Type: 4,ENCRYPTED".
          encrypted |= inner.contains("ENCRYPTED");
        } else {
          body.append(inner);
        }
      }
      if (!ended) {
        throw bad("the PEM block '" + type + "' has no END line");
      }
      switch (type) {
        case "RSA PRIVATE KEY" -> {
          refuseEncrypted(encrypted);
          keys.add(rsaKey(wrapPkcs1(base64(body, type))));
        }
        case "PRIVATE KEY" -> keys.add(rsaKey(base64(body, type)));
        case "ENCRYPTED PRIVATE KEY" -> refuseEncrypted(true);
        default -> {
          // CERTIFICATE, PUBLIC KEY, ...: not needed to open anything.
        }
      }
    }
    if (keys.isEmpty()) {
      throw bad(
          "no RSA private key found; expected the PEM of tls.key from the sealed-secrets key Secret");
    }
    return List.copyOf(keys);
  }

  private static String decodeWrappedPem(String input) throws MalformedException {
    try {
      String decoded =
          new String(Base64.getMimeDecoder().decode(input.strip()), StandardCharsets.US_ASCII);
      if (decoded.contains(BEGIN)) {
        return decoded;
      }
    } catch (IllegalArgumentException e) {
      // Neither PEM nor base64: reported below without echoing the input.
    }
    throw bad("the key is not PEM; expected '-----BEGIN RSA PRIVATE KEY-----' (tls.key)");
  }

  private static String label(String line, String prefix) throws MalformedException {
    if (!line.endsWith(DASHES) || line.length() < prefix.length() + DASHES.length()) {
      throw bad("a PEM boundary line is malformed");
    }
    return line.substring(prefix.length(), line.length() - DASHES.length());
  }

  private static void refuseEncrypted(boolean encrypted) throws MalformedException {
    if (encrypted) {
      throw bad(
          "the private key is password-protected; decrypt it first, e.g."
              + " 'openssl pkey -in key.pem -out plain.pem'");
    }
  }

  private static byte[] base64(StringBuilder body, String type) throws MalformedException {
    try {
      return Base64.getDecoder().decode(body.toString());
    } catch (IllegalArgumentException e) {
      throw bad("the PEM block '" + type + "' is not valid base64");
    }
  }

  private static RSAPrivateKey rsaKey(byte[] pkcs8) throws MalformedException {
    try {
      PrivateKey key =
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      if (key instanceof RSAPrivateKey rsa) {
        return rsa;
      }
      throw bad("the private key is not an RSA key");
    } catch (GeneralSecurityException e) {
      // The cause's message may quote DER bytes of the key, so it is not attached.
      throw bad("the private key is not a valid RSA key (PKCS#1 or PKCS#8 DER)");
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey
   * OCTET STRING (the PKCS#1 RSAPrivateKey) }, RFC 5208. Built in one exact-size array so that no
   * growing buffer leaves copies of the key behind; {@code pkcs1} is wiped.
   */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] octetHeader = derHeader(0x04, pkcs1.length);
    int innerLength =
        VERSION_0.length + RSA_ALGORITHM_ID.length + octetHeader.length + pkcs1.length;
    byte[] outerHeader = derHeader(0x30, innerLength);
    byte[] out = new byte[outerHeader.length + innerLength];
    ByteBuffer.wrap(out)
        .put(outerHeader)
        .put(VERSION_0)
        .put(RSA_ALGORITHM_ID)
        .put(octetHeader)
        .put(pkcs1);
    Arrays.fill(pkcs1, (byte) 0);
    return out;
  }

  /** A DER tag and definite length. */
  private static byte[] derHeader(int tag, int length) {
    if (length < 0x80) {
      return new byte[] {(byte) tag, (byte) length};
    }
    int lengthBytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    byte[] header = new byte[2 + lengthBytes];
    header[0] = (byte) tag;
    header[1] = (byte) (0x80 | lengthBytes);
    for (int i = 0; i < lengthBytes; i++) {
      header[2 + i] = (byte) (length >>> (8 * (lengthBytes - 1 - i)));
    }
    return header;
  }

  private static MalformedException bad(String message) {
    return new MalformedException(Part.KEY, message);
  }
}
