package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Recipient;
import dev.sealwright.secret.SecretBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sizes of docs/format.md §5, by sealing: the table's envelope lengths for a 64-byte value
 * bound to prod/db/password, and the general formula across chunk boundaries, bindings and
 * recipients.
 */
class FormatSizesTest {
  private static final String SECTION = FormatDoc.section("## 5. Size per value");
  private static final Pattern ROW =
      Pattern.compile("(?m)^\\| (\\d) × `(mlkem768x25519|X25519)`[^|]*\\| ([0-9,]+) \\|$");
  private static final Binding PROD_DB_PASSWORD =
      Binding.builder().namespace("prod").name("db").item("password").build();
  private static final List<Recipient> HYBRID =
      List.of(
          AgeKeys.generateHybrid().publicRecipient(),
          AgeKeys.generateHybrid().publicRecipient(),
          AgeKeys.generateHybrid().publicRecipient());
  private static final List<Recipient> X25519 =
      List.of(
          AgeKeys.generateX25519().publicRecipient(), AgeKeys.generateX25519().publicRecipient());

  private static String seal(int valueLength, Binding binding, List<Recipient> recipients)
      throws Exception {
    return Sealer.seal(SecretBytes.copyOf(new byte[valueLength]), binding, recipients);
  }

  @Test
  void table_eachRow_isTheSealedLength() throws Exception {
    assertThat(SECTION)
        .contains("`prod/db/password` (binding line 67 bytes, plus the 53-byte `valuekey` field)");
    assertThat(PROD_DB_PASSWORD.canonical()).hasSize(67);
    Map<String, Integer> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(SECTION);
    while (m.find()) {
      rows.put(m.group(1) + " " + m.group(2), Integer.parseInt(m.group(3).replace(",", "")));
    }
    assertThat(rows)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("1 mlkem768x25519", 2_534, "2 mlkem768x25519", 4_627, "1 X25519", 590));
    for (Map.Entry<String, Integer> row : rows.entrySet()) {
      int n = Integer.parseInt(row.getKey().substring(0, 1));
      List<Recipient> type = row.getKey().endsWith("X25519") ? X25519 : HYBRID;
      assertThat(seal(64, PROD_DB_PASSWORD, type.subList(0, n)))
          .as(row.getKey())
          .hasSize(row.getValue());
    }
  }

  @Test
  void formula_valuesBindingsAndRecipients_giveAgeFileAndEnvelopeLength() throws Exception {
    assertThat(SECTION)
        .contains("`p = b + 53 + 1 + v`")
        .contains("`22 + 1557·n + 48 + 16 + p + 16·c`")
        .contains("(`22 + 98·n + ...` for X25519)")
        .contains("`c` = ceil(p/65536) chunks")
        .contains("`4·ceil(age/3)` plus the clear fields and the 45 characters of the tag field");
    List<Binding> bindings =
        List.of(
            PROD_DB_PASSWORD,
            Binding.builder().scope(Scope.CLUSTER).item("k").build(),
            Binding.builder()
                .scope(Scope.NAMESPACE)
                .namespace("payments")
                .item("tls.key")
                .serviceAccount("api-server")
                .build());
    for (Binding binding : bindings) {
      int b = binding.canonical().length();
      // Around the 64 KiB chunk boundary of the plaintext (b + 53 + 1 + v), and the 1 MiB limit.
      for (int v : new int[] {0, 1, 64, 65_535 - b - 53, 65_536 - b - 53, 1_048_576}) {
        for (List<Recipient> recipients : recipientSets()) {
          check(binding, v, recipients);
        }
      }
    }
  }

  private static List<List<Recipient>> recipientSets() {
    List<List<Recipient>> sets = new ArrayList<>();
    for (int n = 1; n <= HYBRID.size(); n++) {
      sets.add(HYBRID.subList(0, n));
    }
    for (int n = 1; n <= X25519.size(); n++) {
      sets.add(X25519.subList(0, n));
    }
    return sets;
  }

  private static void check(Binding binding, int v, List<Recipient> recipients) throws Exception {
    int n = recipients.size();
    int b = binding.canonical().length();
    int stanza = recipients.getFirst().encoded().startsWith("age1pq1") ? 1557 : 98;
    long plaintext = b + 53 + 1L + v; // the binding line ends in " valuekey=" and 43 characters
    long chunks = (plaintext + 65_535) / 65_536;
    long age = 22 + (long) stanza * n + 48 + 16 + plaintext + 16 * chunks;
    String clear =
        "sw1:"
            + binding.scope().wireName()
            + ":"
            + binding.serviceAccount().orElse("")
            + ":"
            + "0123456789abcdef,".repeat(n).substring(0, 17 * n - 1)
            + ":";
    int tagField = 1 + 44;

    String env = seal(v, binding, recipients);
    String why =
        n + " × " + recipients.getFirst().encoded().substring(0, 7) + ", v=" + v + ", b=" + b;
    assertThat((long) HandMadeEnvelopes.body(env).length).as(why).isEqualTo(age);
    assertThat((long) env.length())
        .as(why)
        .isEqualTo(4 * ((age + 2) / 3) + clear.length() + tagField);
  }
}
