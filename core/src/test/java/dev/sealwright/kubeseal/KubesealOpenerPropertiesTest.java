package dev.sealwright.kubeseal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.envelope.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random values and places, sealed by the openssl CLI, open to the same bytes. */
class KubesealOpenerPropertiesTest {
  private static Path dir;
  private static OpensslKubeseal openssl;
  private static Path key;
  private static KubesealOpener opener;

  @BeforeContainer
  static void generateKey() throws Exception {
    dir = Files.createTempDirectory("kubeseal-properties");
    openssl = new OpensslKubeseal(dir);
    key = openssl.generateRsaKey(2048);
    opener = KubesealOpener.fromPem(Files.readString(key));
  }

  @AfterContainer
  static void deleteKeys() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Property(tries = 30)
  void open_anyValueSealedByOpensslForItsLabel_returnsTheValue(
      @ForAll @Size(max = 4096) byte[] value,
      @ForAll Scope scope,
      @ForAll("kubernetesNames") String namespace,
      @ForAll("kubernetesNames") String name)
      throws Exception {
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

  @Provide
  Arbitrary<String> kubernetesNames() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyz0123456789-.")
        .ofMinLength(1)
        .ofMaxLength(63);
  }
}
