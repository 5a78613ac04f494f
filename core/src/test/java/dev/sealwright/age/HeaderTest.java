package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The age header's own limits and refusals, beside the CCTV vectors' header failures. */
class HeaderTest {
  private static final byte[] FILE_KEY = new byte[Age.FILE_KEY_SIZE];

  @Test
  void parse_stanzaCountUpToTheLimit_acceptedAndOneMoreRefused() throws Exception {
    assertThat(Header.parse(header(stanzas(1024), "")).stanzas()).hasSize(1024);

    assertThatThrownBy(() -> Header.parse(header(stanzas(1025), "")))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("more than 1024 recipient stanzas");
  }

  @Test
  void parse_argumentCountUpToTheLimit_acceptedAndOneMoreRefused() throws Exception {
    List<String> args = Collections.nCopies(128, "a");
    Stanza atLimit = new Stanza("t", args, new byte[0]);
    assertThat(Header.parse(header(List.of(atLimit), "")).stanzas().get(0).args()).hasSize(128);

    String line = "-> t" + " a".repeat(129) + "\n\n";
    assertThatThrownBy(() -> Header.parse(raw(line)))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("malformed stanza line");
  }

  @Test
  void parse_noStanza_refusedAsMalformedNotAsNoMatch() {
    assertThatThrownBy(() -> Header.parse(raw("")))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("no recipient stanzas");
  }

  @Test
  void parse_macLineWithSuffixedDashes_refused() {
    byte[] good = header(stanzas(1), "");
    String text = new String(good, ISO_8859_1).replace("\n--- ", "\n---x ");
    assertThatThrownBy(() -> Header.parse(text.getBytes(ISO_8859_1)))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("malformed '---' line");
  }

  @Test
  void parse_argumentWithNonAsciiCharacter_refused() {
    assertThatThrownBy(() -> Header.parse(raw("-> t caf\u00e9\n\n")))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("invalid character");
  }

  @Test
  void parse_bodyLineOfImpossibleBase64Length_refusedAsMalformed() {
    // Five characters (length 1 mod 4) encode no byte string; the JDK's decoder throws on them.
    assertThatThrownBy(() -> Header.parse(raw("-> t\nAAAAA\n")))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("not canonical unpadded base64");
  }

  @Test
  void parse_identityInsteadOfFile_saysSo() {
    for (String s : new String[] {"AGE-SECRET-KEY-1QQQ\n", "AGE-PLUGIN-YUBIKEY-1QQQ\n"}) {
      assertThatThrownBy(() -> Header.parse(s.getBytes(US_ASCII)))
          .as(s)
          .isInstanceOf(MalformedException.class)
          .hasMessageContaining("this is an age identity, not an encrypted file");
    }
    assertThatThrownBy(() -> Header.parse("AGE-\n".getBytes(US_ASCII)))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("not an age v1 file");
    assertThatThrownBy(() -> Header.parse(new byte[0]))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("the file is empty");
  }

  @Test
  void encodeParse_bodyOfWholeLines_roundTripsWithItsEmptyLastLine() throws Exception {
    // 48 bytes are exactly one 64-column line: the body must end with an empty line.
    for (int size : new int[] {0, 47, 48, 49, 96}) {
      byte[] body = new byte[size];
      java.util.Arrays.fill(body, (byte) size);
      Header h = Header.parse(header(List.of(new Stanza("t", List.of(), body)), ""));
      assertThat(h.stanzas().get(0).body()).as("%d bytes", size).isEqualTo(body);
      assertThat(h.macMatches(FILE_KEY)).isTrue();
    }
  }

  @Test
  void encode_invalidTypeOrArgument_refused() {
    for (Stanza s :
        new Stanza[] {
          new Stanza("two words", List.of(), new byte[0]),
          new Stanza("t", List.of("a b"), new byte[0]),
          new Stanza("t", List.of(""), new byte[0]),
          new Stanza("t", List.of("\u007f"), new byte[0])
        }) {
      assertThatThrownBy(() -> Header.encode(List.of(s), FILE_KEY))
          .as(s.type() + " " + s.args())
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static List<Stanza> stanzas(int n) {
    List<Stanza> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Stanza("t", List.of(), new byte[0]));
    }
    return out;
  }

  private static byte[] header(List<Stanza> stanzas, String suffix) {
    byte[] h = Header.encode(stanzas, FILE_KEY);
    return (new String(h, ISO_8859_1) + suffix).getBytes(ISO_8859_1);
  }

  /**
   * An intro line, {@code stanzaLines}, and a well-formed MAC line (whose value is not checked).
   */
  private static byte[] raw(String stanzaLines) {
    String mac = Base64Raw.encode(new byte[32]);
    return (Header.INTRO + stanzaLines + "--- " + mac + "\n").getBytes(ISO_8859_1);
  }
}
