package dev.sealwright.cli.sops;

import dev.sealwright.cli.CliException;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Walks a SOPS tree as {@code sops.Tree.Decrypt} does: mapping keys form the path (sequence items
 * share their parent's), each value the rule encrypts is opened with its path as additional data,
 * and the values are hashed in order with SHA-512 for the MAC, which {@link #verifyMac} then checks
 * against the file's encrypted {@code mac} (additional data: the lastmodified time).
 */
final class TreeDecryptor {
  /** SOPS' MACOnlyEncryptedInitialization: sha256("sops"), hashed first for mac_only_encrypted. */
  private static final byte[] MAC_ONLY_ENCRYPTED_INIT =
      HexFormat.of().parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

  private final SopsMetadata metadata;
  private final byte[] dataKey;
  private final String source;
  private final MessageDigest mac;

  private TreeDecryptor(SopsMetadata metadata, byte[] dataKey, String source) {
    this.metadata = metadata;
    this.dataKey = dataKey;
    this.source = source;
    try {
      this.mac = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (metadata.macOnlyEncrypted()) {
      mac.update(MAC_ONLY_ENCRYPTED_INIT);
    }
  }

  /**
   * Opens every document and checks the MAC; on any failure the values opened so far are destroyed
   * and nothing is returned.
   */
  static List<SopsValue> decrypt(
      List<SourceNode> documents, SopsMetadata metadata, byte[] dataKey, String source) {
    TreeDecryptor walker = new TreeDecryptor(metadata, dataKey, source);
    List<SopsValue> opened = new ArrayList<>();
    try {
      for (SourceNode doc : documents) {
        opened.add(walker.walk(doc, new ArrayList<>()));
      }
      walker.verifyMac();
      return opened;
    } catch (RuntimeException e) {
      opened.forEach(SopsValue::destroy);
      throw e;
    }
  }

  private SopsValue walk(SourceNode node, List<String> path) {
    return switch (node) {
      case SourceNode.Mapping m -> {
        List<SopsValue.Field> fields = new ArrayList<>();
        try {
          for (SourceNode.Field f : m.fields()) {
            path.add(f.key());
            fields.add(new SopsValue.Field(f.key(), walk(f.value(), path)));
            path.removeLast();
          }
        } catch (RuntimeException e) {
          fields.forEach(f -> f.value().destroy());
          throw e;
        }
        yield new SopsValue.Mapping(fields);
      }
      case SourceNode.Sequence s -> {
        List<SopsValue> items = new ArrayList<>();
        try {
          for (SourceNode item : s.items()) {
            items.add(walk(item, path));
          }
        } catch (RuntimeException e) {
          items.forEach(SopsValue::destroy);
          throw e;
        }
        yield new SopsValue.Sequence(items);
      }
      case SourceNode.Scalar s -> leaf(s, path);
      case SourceNode.Null n -> new SopsValue.Null();
    };
  }

  private SopsValue.Leaf leaf(SourceNode.Scalar s, List<String> path) {
    boolean encrypted = metadata.rule().encrypts(path, source);
    if (!encrypted) {
      if (!metadata.macOnlyEncrypted()) {
        mac.update(GoScalars.macText(s).getBytes(StandardCharsets.UTF_8));
      }
      return new SopsValue.Leaf(
          SecretBytes.adopt(s.text().getBytes(StandardCharsets.UTF_8)), s.type(), false);
    }
    if (!s.type().equals("str")) {
      throw CliException.failed(
          source
              + ": the value at "
              + where(path)
              + " should be encrypted but is a plain "
              + s.type(),
          "the file was edited by hand; restore it from Git or encrypt it again with sops");
    }
    if (s.text().isEmpty()) {
      // SOPS leaves empty strings as they are.
      return new SopsValue.Leaf(SecretBytes.adopt(new byte[0]), "str", true);
    }
    SopsValue.Leaf leaf;
    try {
      leaf = SopsCipher.decrypt(s.text(), dataKey, String.join(":", path) + ":");
    } catch (SopsCipher.Failure f) {
      throw CliException.failed(
          source + ": the value at " + where(path) + " " + f.getMessage(),
          f.authentication
              ? "the file was altered (or a value moved to another key); restore it from Git"
              : "the file was edited by hand; restore it from Git or encrypt it again with sops");
    }
    byte[] plain = leaf.bytes().toByteArray();
    try {
      mac.update(plain);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
    return leaf;
  }

  private void verifyMac() {
    String computed = HexFormat.of().formatHex(mac.digest()).toUpperCase(Locale.ROOT);
    SopsValue.Leaf stored;
    try {
      stored = SopsCipher.decrypt(metadata.mac(), dataKey, metadata.lastModified());
    } catch (SopsCipher.Failure f) {
      throw macFailure("its MAC cannot be opened (" + f.getMessage() + ")");
    }
    byte[] storedBytes = stored.bytes().toByteArray();
    stored.bytes().destroy();
    if (!MessageDigest.isEqual(storedBytes, computed.getBytes(StandardCharsets.US_ASCII))) {
      throw macFailure("its MAC does not match its values");
    }
  }

  private CliException macFailure(String what) {
    return CliException.failed(
        source + ": SOPS MAC check failed: " + what + "; nothing was written",
        "the file was altered after SOPS wrote it; restore it from Git, or if the change is"
            + " wanted, let sops re-encrypt it ('sops updatekeys' or 'sops edit')");
  }

  private static String where(List<String> path) {
    return path.isEmpty() ? "the top" : "'" + String.join(".", path) + "'";
  }
}
