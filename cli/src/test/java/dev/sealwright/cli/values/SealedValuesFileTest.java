package dev.sealwright.cli.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.values.SealedValuesFile.Leaf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Leaf listing and layout-preserving scalar replacement, on real SnakeYAML node positions. */
class SealedValuesFileTest {
  static final String VALUES =
      """
      # Chart values; secrets below are sealed per leaf.
      replicaCount: 2   # two replicas

      image:
        repository: ghcr.io/example/app
        tag: "1.2.3"
      secrets:
        # the database
        password: 'hunter2'
        token: plain-token
        cert: |
          line one
          line two

        list: [a, b]
      """;

  private static Leaf leaf(SealedValuesFile f, String dotted) {
    return f.leaves().stream().filter(l -> l.dotted().equals(dotted)).findFirst().orElseThrow();
  }

  private static String replace(SealedValuesFile f, String... pairs) {
    Map<Leaf, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(leaf(f, pairs[i]), pairs[i + 1]);
    }
    return f.replace(m);
  }

  @Test
  void parse_rawUnicodeLineBreak_refusedNamingTheLineAndTheEscape() {
    for (char c : new char[] {'\u0085', '\u2028', '\u2029'}) {
      String text = "a: 1\nb: |\n  x" + c + "y\n";

      assertThatThrownBy(() -> SealedValuesFile.parse(text, "v.yaml"))
          .isInstanceOf(dev.sealwright.cli.CliException.class)
          .hasMessageContaining("v.yaml has a raw U+")
          .hasMessageContaining("line 3");
    }
    String escaped = "a: \"x\\u2028y\"\n";
    assertThat(SealedValuesFile.parse(escaped, "v.yaml").leaves()).hasSize(1);
  }

  @Test
  void leaves_listsEveryScalarWithItsPathInDocumentOrder() {
    SealedValuesFile f = SealedValuesFile.parse(VALUES, "values.yaml");

    assertThat(f.leaves().stream().map(Leaf::dotted))
        .containsExactly(
            "replicaCount",
            "image.repository",
            "image.tag",
            "secrets.password",
            "secrets.token",
            "secrets.cert",
            "secrets.list.0",
            "secrets.list.1");
    assertThat(leaf(f, "secrets.password").value()).isEqualTo("hunter2");
    assertThat(leaf(f, "secrets.cert").value()).isEqualTo("line one\nline two\n");
    assertThat(leaf(f, "secrets.list.0").inList()).isTrue();
    assertThat(leaf(f, "secrets.token").key()).isEqualTo("token");
  }

  @Test
  void replace_changesOnlyTheScalars_keepingCommentsQuotingAndBlankLines() {
    SealedValuesFile f = SealedValuesFile.parse(VALUES, "values.yaml");

    String out =
        replace(f, "secrets.password", "sw1:a:b:c,d:e", "secrets.token", "x", "secrets.cert", "y");

    assertThat(out)
        .isEqualTo(
            VALUES
                .replace("'hunter2'", "sw1:a:b:c,d:e")
                .replace("token: plain-token", "token: x")
                .replace("|\n    line one\n    line two\n", "\"y\"\n"));
    assertThat(SealedValuesFile.parse(out, "out").leaves().stream().map(Leaf::value))
        .containsExactly("2", "ghcr.io/example/app", "1.2.3", "sw1:a:b:c,d:e", "x", "y", "a", "b");
  }

  @Test
  void replace_plainLeafWithValueNeedingQuotes_writesAJsonString() {
    SealedValuesFile f = SealedValuesFile.parse("a: b # c\n", "v");

    String out = replace(f, "a", "yes: \"no\"\n#");

    assertThat(out).isEqualTo("a: \"yes: \\\"no\\\"\\n#\" # c\n");
    assertThat(SealedValuesFile.parse(out, "v").leaves().getFirst().value())
        .isEqualTo("yes: \"no\"\n#");
  }

  @Test
  void replace_jsonFile_staysJson() {
    String json = "{\n  \"secrets\": {\"password\": \"hunter2\", \"n\": 1}\n}\n";
    SealedValuesFile f = SealedValuesFile.parse(json, "v.json");

    String out = replace(f, "secrets.password", "sw1:x:y:k1,k2:zz", "secrets.n", "two");

    assertThat(out)
        .isEqualTo("{\n  \"secrets\": {\"password\": \"sw1:x:y:k1,k2:zz\", \"n\": \"two\"}\n}\n");
  }

  @Test
  void leaves_positionsCountCharsAfterAstralCharacters() {
    SealedValuesFile f = SealedValuesFile.parse("emoji: \"\uD83D\uDE00\"\nk: v\n", "v");

    assertThat(replace(f, "k", "w")).isEqualTo("emoji: \"\uD83D\uDE00\"\nk: w\n");
  }

  @Test
  void parse_refusesWhatALeafEditCouldNotKeep() {
    for (String bad :
        List.of(
            "a: &x v\nb: *x\n",
            "a: !!str v\n",
            "a: 1\na: 2\n",
            "a: 1\n---\nb: 2\n",
            "- a\n",
            "a: [unclosed\n")) {
      assertThatThrownBy(() -> SealedValuesFile.parse(bad, "v.yaml"))
          .as(bad)
          .isInstanceOf(CliException.class)
          .hasMessageStartingWith("v.yaml");
    }
  }

  @Test
  void leaves_emptyLeafAndBlockScalarOnItsOwnLine_areNotReplaceable() {
    SealedValuesFile f = SealedValuesFile.parse("a:\nb:\n|\n  x\nc: |\n  y\n", "v");

    assertThat(f.leaves().stream().map(Leaf::replaceable)).containsExactly(false, false, true);
    assertThat(leaf(f, "a").value()).isNull();
    assertThatThrownBy(() -> replace(f, "b", "z")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replace_quotedScalarFollowedByTab_writesSpaces() {
    SealedValuesFile f = SealedValuesFile.parse("a: b\t# c\n", "v");

    assertThat(replace(f, "a", "two words")).isEqualTo("a: \"two words\" # c\n");
  }

  @Test
  void withoutKey_blockMap_removesTheEntrysLinesOnly_keepingCommentsAroundIt() {
    String text =
        """
        a: 1
        # about meta
        meta:
          list:
            - x
          block: |
            kept in the entry
        # about b
        b: 2
        """;

    SealedValuesFile f = SealedValuesFile.parse(text, "v").withoutKey("meta");

    assertThat(f.text()).isEqualTo("a: 1\n# about meta\n# about b\nb: 2\n");
    assertThat(f.leaves()).extracting(Leaf::dotted).containsExactly("a", "b");
  }

  @Test
  void withoutKey_lastBlockEntry_takesItsTrailingCommentAndLeavesTheRest() {
    SealedValuesFile f =
        SealedValuesFile.parse("a: 1\nsops:\n    mac: x # m\n    v: 3\n", "v").withoutKey("sops");

    assertThat(f.text()).isEqualTo("a: 1\n");
  }

  @Test
  void withoutKey_flowMapAndJson_removesTheEntryWithOneComma() {
    String json = "{\n\t\"a\": {\"b\": \"x\"},\n\t\"sops\": {\"mac\": \"m\"}\n}\n";
    assertThat(SealedValuesFile.parse(json, "v").withoutKey("sops").text())
        .isEqualTo("{\n\t\"a\": {\"b\": \"x\"}\n}\n");
    assertThat(SealedValuesFile.parse("{sops: [1], a: 2, b: 3}", "v").withoutKey("sops").text())
        .isEqualTo("{a: 2, b: 3}");
    assertThat(SealedValuesFile.parse("{a: 2, sops: 1, b: 3}", "v").withoutKey("sops").text())
        .isEqualTo("{a: 2, b: 3}");
    assertThat(SealedValuesFile.parse("{\"sops\": 1}", "v").withoutKey("sops").text())
        .isEqualTo("{}");
  }

  @Test
  void withoutKey_explicitKeyLayout_isRefusedNotGuessed() {
    SealedValuesFile f = SealedValuesFile.parse("? b\n\n2: x\n", "v");

    assertThatThrownBy(() -> f.withoutKey("b"))
        .isInstanceOf(CliException.class)
        .hasMessage("v: its top-level 'b' entry cannot be removed leaving the rest as it is");
  }

  @Test
  void replace_keptBlockScalarEndingInABlankLineWithATab_keepsOnlyItsLineBreaks() {
    SealedValuesFile f = SealedValuesFile.parse("ab: |+\n \t", "v");

    assertThat(replace(f, "ab", "z")).isEqualTo("ab: z\n");
  }

  @Test
  void withoutKey_absentOrNested_changesNothing() {
    SealedValuesFile f = SealedValuesFile.parse("a:\n  sops: 1\n", "v");

    assertThat(f.withoutKey("sops")).isSameAs(f);
  }

  @Test
  void parse_emptyFile_hasNoLeaves() {
    assertThat(SealedValuesFile.parse("# nothing\n", "v").leaves()).isEmpty();
  }

  /** The edge cases and seeded random Unicode of the manifest writer's round-trip test. */
  @ParameterizedTest
  @MethodSource("dev.sealwright.cli.manifest.RoundTripTest#texts")
  void replace_anyString_readsBackExactly_restUnchanged_inBlockFlowAndJson(String value) {
    for (String file :
        List.of(
            "a: old # comment\nb: 'kept'\n",
            "a: |\n  old\n\nb: kept\n",
            "{a: old, b: kept}\n",
            "{\"a\": \"old\", \"b\": \"kept\"}\n")) {
      SealedValuesFile f = SealedValuesFile.parse(file, "v");
      Leaf a = leaf(f, "a");

      String out = replace(f, "a", value);

      SealedValuesFile back = SealedValuesFile.parse(out, "v");
      assertThat(leaf(back, "a").value()).as(file).isEqualTo(value);
      assertThat(leaf(back, "b").value()).as(file).isEqualTo("kept");
      assertThat(out).as(file).startsWith(file.substring(0, a.start()));
      assertThat(out).as(file).endsWith(file.substring(a.end()));
      if (file.contains("|")) {
        assertThat(out).as("the block's blank line").endsWith("\n\nb: kept\n");
      }
    }
  }
}
