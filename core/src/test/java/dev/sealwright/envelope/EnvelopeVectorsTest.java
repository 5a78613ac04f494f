package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.BindingMismatchException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The project's own envelope vectors (docs/format.md §8), one dynamic test per file. */
class EnvelopeVectorsTest {
  private static final Map<String, Class<? extends Exception>> FAILURES =
      Map.of(
          "binding mismatch", BindingMismatchException.class,
          "no match", NoMatchingIdentityException.class,
          "authentication failed", AuthenticationFailedException.class,
          "malformed", MalformedException.class);

  @TestFactory
  Stream<DynamicTest> vector_open_matchesExpectation() throws Exception {
    Path dir = Path.of("src/test/resources/vectors");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(14);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path f) throws Exception {
    Map<String, String> v = new HashMap<>();
    for (String line : Files.readAllLines(f)) {
      v.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
    }
    Keyring keyring = Keyring.of(List.of(AgeKeys.parseIdentity(v.get("identity"))));
    Binding expected = BindingCodec.parse(v.get("binding"));
    String expect = v.get("expect");
    if (expect.equals("success")) {
      assertThat(Sealer.open(v.get("envelope"), expected, keyring).toByteArray())
          .isEqualTo(HexFormat.of().parseHex(v.get("value")));
    } else {
      assertThatThrownBy(() -> Sealer.open(v.get("envelope"), expected, keyring))
          .as("%s: %s", f.getFileName(), v.get("comment"))
          .isInstanceOf(FAILURES.get(expect));
    }
  }
}
