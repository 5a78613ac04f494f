package dev.sealwright.kubeseal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.envelope.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: random values and places, sealed by the openssl CLI, open to the same bytes. Each case
 * is generated from its own seed, which names the case, so a failure is reproducible.
 */
class KubesealOpenerPropertiesTest {
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-.";
  private static Path dir;
  private static OpensslKubeseal openssl;
  private static Path key;
  private static KubesealOpener opener;

  @BeforeAll
  static void generateKey() throws Exception {
    dir = Files.createTempDirectory("kubeseal-properties");
    openssl = new OpensslKubeseal(dir);
    key = openssl.generateRsaKey(2048);
    opener = KubesealOpener.fromPem(Files.readString(key));
  }

  @AfterAll
  static void deleteKeys() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void open_anyValueSealedByOpensslForItsLabel_returnsTheValue(long seed) throws Exception {
    Random r = new Random(seed);
    byte[] value = new byte[r.nextInt(4097)];
    r.nextBytes(value);
    Scope scope = Scope.values()[r.nextInt(Scope.values().length)];
    String namespace = name(r);
    String name = name(r);
    KubesealLabel label = KubesealLabel.of(scope, namespace, name);
    String labelText =
        switch (scope) {
          case STRICT -> namespace + "/" + name;
          case NAMESPACE -> namespace;
          case CLUSTER -> "";
        };

    byte[] sealed = openssl.seal(key, value, labelText);

    assertThat(opener.open(sealed, label).toByteArray()).isEqualTo(value);
  }

  private static String name(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1 + r.nextInt(63); i > 0; i--) {
      sb.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
    }
    return sb.toString();
  }
}
