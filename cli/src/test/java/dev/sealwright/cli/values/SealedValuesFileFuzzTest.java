package dev.sealwright.cli.values;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.CliFuzzing;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.values.SealedValuesFile.Leaf;
import dev.sealwright.testing.Fuzzing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for values files, as {@code values seal/edit/unseal} read them: only a {@link
 * CliException} the user is told about may escape, and replacing every leaf gives a file with the
 * same leaves, each non-empty one holding its new string, and every byte outside the replaced
 * scalars kept; removing a top-level entry ({@code withoutKey}, as {@code import sops} removes
 * {@code sops}) gives a file with exactly the other entries' leaves.
 */
public final class SealedValuesFileFuzzTest {
  /** An envelope-shaped string and one that needs quoting everywhere. */
  private static final List<String> NEW_VALUES =
      List.of(
          "sw1:strict::0123456789abcdef,fedcba9876543210:QUJD+/==:dGFn", "a: \"b\" # c\n'd'", "");

  public static void fuzzerTestOneInput(byte[] input) {
    SealedValuesFile file;
    try {
      file = SealedValuesFile.parse(Inputs.utf8(input, "fuzz.yaml"), "fuzz.yaml");
    } catch (CliException e) {
      CliFuzzing.requireDocumented(e);
      return;
    }
    checkWithoutKey(file);
    for (String value : NEW_VALUES) {
      Map<Leaf, String> all = new LinkedHashMap<>();
      file.leaves().stream().filter(Leaf::replaceable).forEach(l -> all.put(l, value));
      String written = file.replace(all);
      SealedValuesFile back = SealedValuesFile.parse(written, "written");
      if (back.leaves().size() != file.leaves().size()) {
        throw new IllegalStateException("replacing leaves changed their number");
      }
      for (int i = 0; i < back.leaves().size(); i++) {
        Leaf before = file.leaves().get(i);
        Leaf after = back.leaves().get(i);
        String expected = before.replaceable() ? value : before.value();
        if (!after.path().equals(before.path())
            || !java.util.Objects.equals(expected, after.value())) {
          throw new IllegalStateException("leaf " + before.dotted() + " did not read back");
        }
      }
      if (!all.isEmpty()) {
        Leaf first = all.keySet().iterator().next();
        Leaf last = List.copyOf(all.keySet()).getLast();
        if (!written.startsWith(file.text().substring(0, first.start()))
            || !written.endsWith(
                tabsAfterQuotesAsSpaces(file.text().substring(last.end()), written))) {
          throw new IllegalStateException("text outside the leaves changed");
        }
      }
    }
  }

  /**
   * The first and the last top-level key with leaves: removing it keeps the other leaves, or is
   * refused with an error.
   */
  private static void checkWithoutKey(SealedValuesFile file) {
    if (file.leaves().isEmpty()) {
      return;
    }
    for (String key :
        List.of(
            file.leaves().getFirst().path().getFirst(),
            file.leaves().getLast().path().getFirst())) {
      SealedValuesFile without;
      try {
        without = file.withoutKey(key);
      } catch (CliException e) {
        CliFuzzing.requireDocumented(e); // a layout it refuses, saying so
        continue;
      }
      List<Leaf> kept =
          file.leaves().stream().filter(l -> !l.path().getFirst().equals(key)).toList();
      if (without.leaves().size() != kept.size()) {
        throw new IllegalStateException("removing a top-level entry changed the other leaves");
      }
      for (int i = 0; i < kept.size(); i++) {
        if (!kept.get(i).path().equals(without.leaves().get(i).path())
            || !java.util.Objects.equals(kept.get(i).value(), without.leaves().get(i).value())) {
          throw new IllegalStateException("leaf " + kept.get(i).dotted() + " changed");
        }
      }
    }
  }

  /** The suffix as replace writes it: blanks after a double-quoted scalar become spaces. */
  private static String tabsAfterQuotesAsSpaces(String suffix, String written) {
    int blanks = 0;
    while (blanks < suffix.length() && " \t".indexOf(suffix.charAt(blanks)) >= 0) {
      blanks++;
    }
    String spaced = " ".repeat(blanks) + suffix.substring(blanks);
    return written.endsWith(spaced) ? spaced : suffix;
  }

  static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(SealedValuesFileTest.VALUES.getBytes(UTF_8));
    seeds.add("{\"secrets\": {\"a\": \"b\", \"n\": [1, {\"c\": null}]}}\n".getBytes(UTF_8));
    seeds.add("a:\n  b: |+\n    x\n\n  c: >-\n    y\n    z\nd: ~\ne: ''\n".getBytes(UTF_8));
    // Findings: explicit keys around a removed entry; a kept block ending in a blank tab line.
    seeds.add("? b\n\n2: \n".getBytes(UTF_8));
    seeds.add("a-->:\n?\n".getBytes(UTF_8));
    seeds.add("ab: |+\n \t".getBytes(UTF_8));
    seeds.addAll(CliFuzzing.sessionFiles());
    return seeds;
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(SealedValuesFileFuzzTest.class, seeds());
  }

  @Test
  // As in SecretReaderFuzzTest: Fuzzing bounds the Jazzer JVM itself.
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(
        SealedValuesFileFuzzTest.class,
        seeds(),
        "--instrumentation_includes=dev.sealwright.**:org.yaml.snakeyaml.**");
  }
}
