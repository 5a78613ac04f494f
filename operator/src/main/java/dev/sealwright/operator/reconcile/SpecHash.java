package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SealedSecretSpec;
import dev.sealwright.api.v1.SecretTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of everything the generated Secret is made from: where the object lives and its spec
 * (envelopes, not plaintext). Stored on the Secret, it lets a reconcile over an unchanged object
 * skip all decryption. Fields are length-prefixed so no two specs encode alike.
 */
public final class SpecHash {
  private SpecHash() {}

  public static String of(SealedSecret ss) {
    MessageDigest md = sha256();
    SealedSecretSpec spec = ss.getSpec();
    put(md, "sealwright.dev/spec-hash/v1");
    put(md, ss.getMetadata().getNamespace());
    put(md, ss.getMetadata().getName());
    put(md, spec.getScope() == null ? null : spec.getScope().name());
    put(md, spec.getServiceAccount());
    putMap(md, spec.getEncryptedData());
    SecretTemplate t = spec.getTemplate();
    put(md, t == null ? null : t.getType());
    put(md, t == null || t.getImmutable() == null ? null : t.getImmutable().toString());
    putMap(md, t == null || t.getMetadata() == null ? null : t.getMetadata().getLabels());
    putMap(md, t == null || t.getMetadata() == null ? null : t.getMetadata().getAnnotations());
    return HexFormat.of().formatHex(md.digest());
  }

  private static void putMap(MessageDigest md, Map<String, String> map) {
    if (map == null) {
      put(md, null);
      return;
    }
    put(md, Integer.toString(map.size()));
    new TreeMap<>(map)
        .forEach(
            (k, v) -> {
              put(md, k);
              put(md, v);
            });
  }

  private static void put(MessageDigest md, String s) {
    if (s == null) {
      md.update((byte) 0);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    md.update((byte) 1);
    md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) ':');
    md.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
