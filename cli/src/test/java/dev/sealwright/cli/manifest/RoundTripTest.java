package dev.sealwright.cli.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.envelope.Scope;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the CLI writes, it reads back unchanged: YAML 1.1 look-alikes, indicators, control and
 * non-characters, multi-line text, and seeded random Unicode text (the seed is the case's index, so
 * a failure names a reproducible case).
 */
class RoundTripTest {
  static final List<String> EDGE_CASES =
      List.of(
          "",
          "yes",
          "no",
          "on",
          "off",
          "null",
          "~",
          "0123",
          "1e3",
          ".inf",
          "2026-01-01",
          "a: b",
          "- x",
          "# c",
          "x\n",
          "\n x",
          "x \n",
          "  lead",
          "trail  ",
          "|",
          ">",
          "'q'",
          "\"dq\"",
          "tab\there",
          "cr\r\nlf",
          "\u0000nul",
          "\u0085nel",
          "\u2028ls",
          "\ufeffbom",
          "\ufffe",
          "\uffff",
          "emoji \ud83d\udd11",
          "a\n\n",
          "a\n  \n",
          "key:",
          "{x}",
          "[x]",
          "&a *a",
          "!tag");

  private static final String SPECIALS =
      " \n\t\r:#-|>'\"{}[]&*!%@`,?=~.\\\u0085\u00a0\u2028\ufeff\ufffe";

  static Stream<String> texts() {
    Stream<String> random =
        IntStream.range(0, 400)
            .mapToObj(
                seed -> {
                  Random r = new Random(seed);
                  StringBuilder sb = new StringBuilder();
                  int length = r.nextInt(30);
                  for (int i = 0; i < length; i++) {
                    int kind = r.nextInt(4);
                    if (kind == 0) {
                      sb.append(SPECIALS.charAt(r.nextInt(SPECIALS.length())));
                    } else if (kind == 1) {
                      sb.appendCodePoint(randomCodePoint(r));
                    } else {
                      sb.append((char) ('a' + r.nextInt(26)));
                    }
                  }
                  return sb.toString();
                });
    return Stream.concat(EDGE_CASES.stream(), random);
  }

  /** Any Unicode scalar value (no surrogates): all that UTF-8 input can hold. */
  private static int randomCodePoint(Random r) {
    while (true) {
      int cp = r.nextInt(0x110000);
      if (cp < 0xd800 || cp > 0xdfff) {
        return cp;
      }
    }
  }

  @ParameterizedTest
  @MethodSource("texts")
  void sealedSecret_anyLabelAnnotationAndType_survivesYamlAndJson(String value) {
    SortedMap<String, String> map = new TreeMap<>(Map.of("k", value, "k/2", value + value));
    SealedSecret s =
        new SealedSecret(
            new ObjectMeta("db", "prod", map, map),
            Scope.NAMESPACE,
            null,
            new TreeMap<>(Map.of("item", "sw1:namespace::0123456789abcdef:QUJD+/==")),
            new SealedSecret.Template(map, map, value, Boolean.TRUE));

    for (ManifestWriter.Format format : ManifestWriter.Format.values()) {
      String text = ManifestWriter.sealedSecrets(List.of(s), format);
      assertThat(SealedSecretReader.readOne(text, "x")).as(format.name()).isEqualTo(s);
    }
  }

  @ParameterizedTest
  @MethodSource("texts")
  void editBuffer_anyValue_parsesBackToTheSameBytes(String value) {
    SortedMap<String, SecretBytes> values = new TreeMap<>();
    values.put("text", SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8)));
    byte[] binary = value.getBytes(StandardCharsets.UTF_16BE);
    values.put("binary", SecretBytes.copyOf(binary));

    SortedMap<String, SecretBytes> parsed = EditBuffer.parse(EditBuffer.render("t", values));

    assertThat(parsed).isNotNull();
    assertThat(new ArrayList<>(parsed.keySet())).containsExactly("binary", "text");
    for (String k : values.keySet()) {
      assertThat(parsed.get(k).equalsSecret(values.get(k))).as(k).isTrue();
    }
  }
}
