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

/**
 * The project's own envelope vectors (docs/format.md §8), one dynamic test per file: those written
 * by {@link EnvelopeVectorsGenerator} and the {@code age_cli_*} ones written once by {@code
 * src/test/shell/make-age-cli-vectors.sh} with the real age CLI. Neither is regenerated here.
 */
class EnvelopeVectorsTest {
  /** Every scenario, so that a lost or renamed file fails instead of shrinking the suite. */
  private static final List<String> SCENARIOS =
      List.of(
          "age_cli_cluster_binary_value",
          "age_cli_moved_item",
          "age_cli_namespace_service_account_x25519",
          "age_cli_strict_hybrid",
          "age_cli_tampered_payload",
          "age_cli_value_tag",
          "age_cli_value_tag_lying",
          "age_cli_value_tag_resealed",
          "armored_body",
          "cluster_scope",
          "empty_value",
          "key_ids_over_limit",
          "moved_item",
          "moved_namespace",
          "namespace_scope",
          "non_canonical_base64",
          "recipients_at_limit",
          "resealed_from_untagged",
          "resealed_same_value",
          "scope_widened_in_clear",
          "sealed_anew_same_value",
          "seven_fields",
          "service_account",
          "stanzas_over_limit",
          "strict_hybrid",
          "strict_x25519",
          "tampered_payload",
          "two_recipients_second_key",
          "unknown_key",
          "value_tag",
          "value_tag_added",
          "value_tag_empty",
          "value_tag_non_canonical",
          "value_tag_stripped",
          "value_tag_swapped",
          "value_tag_too_long",
          "wrong_magic");

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
    assertThat(files)
        .map(f -> f.getFileName().toString().replaceFirst("\\.txt$", ""))
        .containsExactlyInAnyOrderElementsOf(SCENARIOS);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path f) throws Exception {
    Map<String, String> v = new HashMap<>();
    for (String line : Files.readAllLines(f)) {
      v.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
    }
    Keyring keyring = Keyring.of(List.of(AgeKeys.parseIdentity(v.get("identity"))));
    Binding expected = BindingCodec.parse(v.get("binding")).binding();
    String expect = v.get("expect");
    if (expect.equals("success")) {
      assertThat(Sealer.open(v.get("envelope"), expected, keyring).toByteArray())
          .isEqualTo(HexFormat.of().parseHex(v.get("value")));
      // Six fields carry a tag, five (the format before value tags) none.
      boolean tagged = v.get("envelope").split(":", -1).length == 6;
      assertThat(Sealer.inspect(v.get("envelope")).valueTag())
          .isEqualTo(Sealer.valueTag(v.get("envelope")))
          .matches(t -> t.isPresent() == tagged);
    } else {
      assertThatThrownBy(() -> Sealer.open(v.get("envelope"), expected, keyring))
          .as("%s: %s", f.getFileName(), v.get("comment"))
          .isInstanceOf(FAILURES.get(expect));
    }
    if (v.containsKey("previous")) {
      assertThat(ValueChange.between(v.get("previous"), v.get("envelope")).name())
          .as("%s: %s", f.getFileName(), v.get("comment"))
          .isEqualToIgnoringCase(v.get("change"));
    }
  }
}
