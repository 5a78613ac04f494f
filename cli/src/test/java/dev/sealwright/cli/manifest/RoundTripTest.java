package dev.sealwright.cli.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.envelope.Scope;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the CLI writes, it reads back unchanged, and a second reader that resolves YAML 1.1 types
 * (as kubectl's does) reads the same strings: YAML 1.1 look-alikes, indicators, control and
 * non-characters, multi-line text, and seeded random Unicode text (the seed is the case's index, so
 * a failure names a reproducible case). The CLI's own reader alone would miss an unquoted {@code
 * on}: it takes every scalar for a string.
 */
class RoundTripTest {
  static final List<String> EDGE_CASES =
      List.of(
          "",
          "y",
          "Y",
          "n",
          "N",
          "yes",
          "Yes",
          "no",
          "NO",
          "on",
          "On",
          "off",
          "OFF",
          "true",
          "True",
          "TRUE",
          "False",
          "null",
          "Null",
          "NULL",
          "~",
          "0123",
          "012",
          "0x1F",
          "0b101",
          "0o17",
          "+1",
          "-1",
          "1_000",
          "1e3",
          "12:30:45",
          ".inf",
          "-.inf",
          ".NaN",
          "2026-01-01",
          "2001-12-14",
          "2001-12-14t21:59:43.10-05:00",
          "=",
          "<<",
          ":",
          "- a",
          "#x",
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
      assertThat(readAsYaml11(text)).as(format.name()).isEqualTo(ManifestWriter.tree(s));
    }
  }

  @ParameterizedTest
  @MethodSource("texts")
  void unsealedSecret_anyNameLabelTypeAndItemName_readAsTheSameStringsByYaml11(String value) {
    SortedMap<String, String> map = new TreeMap<>(Map.of("k", value, "k/2", value + value));
    SortedMap<String, SecretBytes> data = new TreeMap<>();
    data.put(value.isEmpty() ? "empty" : value, SecretBytes.copyOf(bytes(value)));
    // Bytes whose base64 is the text itself: "true", "NULL" and "0x1F" are base64 too.
    base64Decoded(value).ifPresent(b -> data.put("b64", SecretBytes.copyOf(b)));
    SecretManifest secret =
        new SecretManifest(new ObjectMeta(value, value, map, map), value, Boolean.TRUE, data);

    for (ManifestWriter.Format format : ManifestWriter.Format.values()) {
      String text = ManifestWriter.secrets(List.of(secret), format);
      assertThat(readAsYaml11(text)).as(format.name()).isEqualTo(ManifestWriter.tree(secret));
    }
  }

  @ParameterizedTest
  @MethodSource("texts")
  void editBuffer_anyValue_parsesBackToTheSameBytes(String value) {
    SortedMap<String, SecretBytes> values = new TreeMap<>();
    values.put("text", SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8)));
    byte[] binary = value.getBytes(StandardCharsets.UTF_16BE);
    values.put("binary", SecretBytes.copyOf(binary));

    String buffer = EditBuffer.render("t", values);
    SortedMap<String, SecretBytes> parsed = EditBuffer.parse(buffer);

    assertThat(new ArrayList<>(parsed.keySet())).containsExactly("binary", "text");
    for (String k : values.keySet()) {
      assertThat(parsed.get(k).equalsSecret(values.get(k))).as(k).isTrue();
    }
    // A YAML 1.1 reader finds the same strings: text as it is, binary as base64.
    Map<?, ?> read = (Map<?, ?>) readAsYaml11(buffer);
    assertThat(read.get("stringData")).as("stringData").isEqualTo(textItems(values));
    assertThat(read.get("data")).as("data").isEqualTo(binaryItems(values));
  }

  /**
   * What a YAML 1.1 reader makes of a text: SnakeYAML's standard resolver turns yes/no/on/off,
   * true/false, null and ~, octal, hex and sexagesimal numbers, floats and timestamps into
   * non-strings, as kubectl's reader does (kubectl also takes y and n for booleans; the kubectl IT
   * in the operator module checks those).
   */
  private static Object readAsYaml11(String text) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
  }

  private static java.util.Optional<byte[]> base64Decoded(String text) {
    try {
      byte[] b = Base64.getDecoder().decode(text);
      return text.isEmpty() || !Base64.getEncoder().encodeToString(b).equals(text)
          ? java.util.Optional.empty()
          : java.util.Optional.of(b);
    } catch (IllegalArgumentException notBase64) {
      return java.util.Optional.empty();
    }
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The items the edit buffer shows as text: those that are UTF-8, as {@link Inputs} reads it. */
  private static Map<String, String> textItems(SortedMap<String, SecretBytes> values) {
    Map<String, String> text = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          String utf8 = utf8OrNull(v.toByteArray());
          if (utf8 != null) {
            text.put(k, utf8);
          }
        });
    return text;
  }

  /** The others, base64; null (no data section) when there are none. */
  private static Map<String, String> binaryItems(SortedMap<String, SecretBytes> values) {
    Map<String, String> binary = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (utf8OrNull(v.toByteArray()) == null) {
            binary.put(k, Base64.getEncoder().encodeToString(v.toByteArray()));
          }
        });
    return binary.isEmpty() ? null : binary;
  }

  private static String utf8OrNull(byte[] bytes) {
    try {
      return Inputs.utf8(bytes, "value");
    } catch (CliException e) {
      return null;
    }
  }
}
