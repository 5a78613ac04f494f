package dev.sealwright.cli.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.envelope.Scope;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What the CLI writes, it reads back unchanged, for any strings. */
class RoundTripPropertiesTest {

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        // Any text that can come from UTF-8 input: no lone surrogates.
        Arbitraries.strings().all().ofMaxLength(40).filter(RoundTripPropertiesTest::validUtf16),
        Arbitraries.strings().withChars(" \n\t:#-|>'\"{}[]&*!%@`aZ09yesnotrue.~").ofMaxLength(30),
        Arbitraries.of(
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
            ""));
  }

  static boolean validUtf16(String s) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }

  @Provide
  Arbitrary<String> itemKey() {
    return Arbitraries.strings().withChars("-._aZ09yn").ofMinLength(1).ofMaxLength(12);
  }

  @Property(tries = 500)
  void sealedSecret_labelsAnnotationsAndTemplate_surviveYamlAndJson(
      @ForAll("anyText") String value, @ForAll("itemKey") String key) {
    SortedMap<String, String> map = new TreeMap<>(Map.of(key, value, "k/" + key, value + value));
    SealedSecret s =
        new SealedSecret(
            new ObjectMeta("db", "prod", map, map),
            Scope.NAMESPACE,
            null,
            new TreeMap<>(Map.of(key, "sw1:namespace::0123456789abcdef:QUJD+/==")),
            new SealedSecret.Template(map, map, value, Boolean.TRUE));

    for (ManifestWriter.Format format : ManifestWriter.Format.values()) {
      String text = ManifestWriter.sealedSecrets(java.util.List.of(s), format);
      assertThat(SealedSecretReader.readOne(text, "x")).isEqualTo(s);
      assertThat(ManifestWriter.Format.of(text)).isEqualTo(format);
    }
  }

  @Property(tries = 500)
  void editBuffer_anyValues_parseBackToTheSameBytes(
      @ForAll("anyText") String text, @ForAll("itemKey") String key, @ForAll byte[] binary) {
    SortedMap<String, SecretBytes> values = new TreeMap<>();
    values.put(key, SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8)));
    values.put(key + "-bin", SecretBytes.copyOf(binary));

    SortedMap<String, SecretBytes> parsed = EditBuffer.parse(EditBuffer.render("t", values));

    assertThat(parsed).isNotNull();
    assertThat(parsed.keySet()).isEqualTo(values.keySet());
    for (String k : values.keySet()) {
      assertThat(parsed.get(k).equalsSecret(values.get(k))).as(k).isTrue();
    }
  }
}
