package dev.sealwright.hpke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.testing.TestPeers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The HPKE composition against published vectors: RFC 9180 (DHKEM(X25519), HKDF-SHA256,
 * ChaCha20-Poly1305, base mode) and draft-ietf-hpke-pq (MLKEM768-X25519), as shipped in the Go
 * module filippo.io/hpke and fetched by the build.
 */
class HpkeVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void vectors_forOurSuites_oneBaseModeVectorEach() throws IOException {
    // KEM ids of RFC 9180 §7.1 and draft-ietf-hpke-pq, written out: a wrong constant finds none.
    assertThat(DhKemX25519.ID).isEqualTo(0x0020);
    assertThat(MlKem768X25519.ID).isEqualTo(0x647a);
    assertThat(suiteVectors("rfc9180.json", 0x0020)).hasSize(1);
    assertThat(suiteVectors("hpke-pq.json", 0x647a)).hasSize(1);
  }

  @TestFactory
  Stream<DynamicTest> rfc9180_dhkemX25519_matchesVector() throws IOException {
    DhKemX25519 kem = new DhKemX25519();
    return suiteVectors("rfc9180.json", DhKemX25519.ID).stream()
        .map(
            v ->
                DynamicTest.dynamicTest(
                    "rfc9180 " + name(v),
                    () -> {
                      byte[] skR = kem.derivePrivateKey(hex(v, "ikmR"));
                      assertThat(skR).isEqualTo(hex(v, "skRm"));
                      byte[] skE = kem.derivePrivateKey(hex(v, "ikmE"));
                      Kem.Encapsulation e =
                          kem.insecureEncapsulateDeterministic(hex(v, "pkRm"), skE);
                      assertThat(e.enc()).isEqualTo(hex(v, "enc"));
                      assertThat(e.sharedSecret()).isEqualTo(hex(v, "shared_secret"));
                      Hpke.Context ctx =
                          Hpke.setupBaseReceiver(kem, hex(v, "enc"), skR, hex(v, "info"))
                              .orElseThrow();
                      checkContext(v, kem.id(), ctx);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> hpkePq_mlkem768x25519_matchesVector() throws IOException {
    MlKem768X25519 kem = new MlKem768X25519();
    return suiteVectors("hpke-pq.json", MlKem768X25519.ID).stream()
        .map(
            v ->
                DynamicTest.dynamicTest(
                    "hpke-pq " + name(v),
                    () -> {
                      MlKem768X25519.PrivateKey sk =
                          MlKem768X25519.PrivateKey.fromSeed(hex(v, "skRm"));
                      assertThat(sk.publicKey()).isEqualTo(hex(v, "pkRm"));
                      byte[] ss = kem.decapsulate(hex(v, "enc"), sk).orElseThrow();
                      assertThat(ss).isEqualTo(hex(v, "shared_secret"));
                      Hpke.Context ctx =
                          Hpke.setupBaseReceiver(kem, hex(v, "enc"), sk, hex(v, "info"))
                              .orElseThrow();
                      checkContext(v, kem.id(), ctx);
                    }));
  }

  private static void checkContext(JsonNode v, int kemId, Hpke.Context ctx) {
    JsonNode encryptions = v.get("encryptions");
    for (int seq = 0; seq < encryptions.size(); seq++) {
      JsonNode e = encryptions.get(seq);
      byte[] aad = hex(e, "aad");
      assertThat(ctx.insecureSeal(seq, aad, hex(e, "pt")))
          .as("seal #%d", seq)
          .isEqualTo(hex(e, "ct"));
      assertThat(ctx.insecureOpen(seq, aad, hex(e, "ct")))
          .as("open #%d", seq)
          .hasValue(hex(e, "pt"));
    }
    for (JsonNode x : v.get("exports")) {
      assertThat(ctx.export(kemId, hex(x, "exporter_context"), x.get("L").asInt()))
          .isEqualTo(hex(x, "exported_value"));
    }
  }

  private static List<JsonNode> suiteVectors(String file, int kemId) throws IOException {
    Path p = TestPeers.hpkeVectorsDir().resolve(file);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode v : new ObjectMapper().readTree(p.toFile())) {
      if (v.get("mode").asInt() == 0
          && v.get("kem_id").asInt() == kemId
          && v.get("kdf_id").asInt() == Hpke.KDF_HKDF_SHA256
          && v.get("aead_id").asInt() == Hpke.AEAD_CHACHA20_POLY1305) {
        out.add(v);
      }
    }
    return out;
  }

  private static String name(JsonNode v) {
    return String.format(
        "kem=0x%04x kdf=%d aead=%d info=%s",
        v.get("kem_id").asInt(),
        v.get("kdf_id").asInt(),
        v.get("aead_id").asInt(),
        v.get("info").asText());
  }

  private static byte[] hex(JsonNode n, String field) {
    return HEX.parseHex(n.get(field).asText());
  }
}
