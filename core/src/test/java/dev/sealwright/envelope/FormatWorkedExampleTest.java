package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/format.md §6, read from the markdown and checked byte for byte: by the
 * real {@code age-keygen}, {@code sha256sum} and the shell pipeline, and by Sealwright.
 */
class FormatWorkedExampleTest {
  private static final String SECTION = FormatDoc.section("## 6. Worked example");
  private static final List<String> BLOCKS = FormatDoc.codeBlocks(SECTION);
  private static final String IDENTITY = BLOCKS.get(0);
  private static final String ENVELOPE = BLOCKS.get(1);
  private static final String PLAINTEXT = BLOCKS.get(2);
  private static final String TAG_COMMAND = BLOCKS.get(3);
  private static final String VALUE_KEY_HEX =
      FormatDoc.find(SECTION, "The `valuekey` is the tag key `r`, in hex\\s+`([0-9a-f]{64})`");
  private static final String RECIPIENT =
      FormatDoc.find(SECTION, "Its recipient is `(age1[0-9a-z]+)`");
  private static final String KEY_ID = FormatDoc.find(SECTION, "whose key id is\\s+`([0-9a-f]+)`");
  private static final Binding PROD_DB_PASSWORD =
      Binding.builder().namespace("prod").name("db").item("password").build();

  @TempDir Path tmp;

  private Path identityFile() throws Exception {
    Path f = tmp.resolve("example-key.txt");
    Files.writeString(f, IDENTITY + "\n", US_ASCII);
    return f;
  }

  @Test
  void example_blocks_areIdentityEnvelopeAndPlaintext() {
    assertThat(BLOCKS).hasSize(4);
    assertThat(IDENTITY).matches("AGE-SECRET-KEY-1[0-9A-Z]{58}");
    assertThat(ENVELOPE).startsWith("sw1:strict::").doesNotContain("\n");
    assertThat(SECTION)
        .contains(
            "Sealing the value `hunter2` for item\n`password` of Secret `db` in namespace `prod`"
                + " with strict scope");
  }

  @Test
  void example_identity_derivesThePrintedRecipient() throws Exception {
    assertThat(AgeShell.recipientOf(identityFile())).isEqualTo(RECIPIENT);
    assertThat(AgeKeys.parseIdentity(IDENTITY).recipient().orElseThrow().encoded())
        .isEqualTo(RECIPIENT);
  }

  @Test
  void example_keyId_isSha256sumOfTheRecipient() throws Exception {
    assertThat(AgeShell.keyId(RECIPIENT)).isEqualTo(KEY_ID).isEqualTo("f43573b9ec8e4632");
    assertThat(KeyId.ofRecipientString(RECIPIENT).value()).isEqualTo(KEY_ID);
    assertThat(Sealer.keyIds(ENVELOPE)).containsExactly(new KeyId(KEY_ID));
    // The formula's abbreviation names the recipient's first 8 and last 6 characters.
    assertThat(SECTION)
        .contains(
            "hex(SHA-256(\""
                + RECIPIENT.substring(0, 8)
                + "..."
                + RECIPIENT.substring(RECIPIENT.length() - 6)
                + "\")[0:8])");
  }

  @Test
  void example_envelope_opensToExactlyHunter2() throws Exception {
    Keyring keyring = Keyring.of(List.of(AgeKeys.parseIdentity(IDENTITY)));
    assertThat(Sealer.open(ENVELOPE, PROD_DB_PASSWORD, keyring).toByteArray())
        .isEqualTo("hunter2".getBytes(US_ASCII));
    EnvelopeInfo info = Sealer.inspect(ENVELOPE);
    assertThat(info.stanzaTypes()).containsExactly("X25519");
    assertThat(info.valueLength(PROD_DB_PASSWORD)).isEqualTo(7);
  }

  @Test
  void example_body_isTheDescribedAgeHeader() {
    String file = new String(HandMadeEnvelopes.body(ENVELOPE), US_ASCII);
    String header = file.substring(0, file.indexOf("\n--- "));
    String[] lines = header.split("\n", -1);
    assertThat(lines).hasSize(3); // the version line, then one stanza: its arguments and body
    assertThat(lines[0]).isEqualTo("age-encryption.org/v1");
    assertThat(lines[1]).matches("-> X25519 [A-Za-z0-9+/]{43}");
    assertThat(lines[2]).matches("[A-Za-z0-9+/]{43}");
  }

  @Test
  void example_shellDecryptsBody_toThePrintedTwoLines() throws Exception {
    byte[] plaintext = AgeShell.open(ENVELOPE, identityFile());
    assertThat(PLAINTEXT)
        .matches(
            "sealwright\\.dev/v1 scope=strict namespace=prod name=db item=password"
                + " valuekey=[A-Za-z0-9_-]{43}\nhunter2");
    assertThat(plaintext).isEqualTo(PLAINTEXT.getBytes(US_ASCII));
    String text = new String(plaintext, US_ASCII);
    assertThat(text.substring(text.indexOf('\n') + 1)).isEqualTo("hunter2"); // no LF after it
    assertThat(SECTION).contains("(no LF after `hunter2`: the value is exactly 7 bytes)");
  }

  @Test
  void example_valueKey_isThePrintedHexOfTheSealedField() {
    String field = PLAINTEXT.substring(PLAINTEXT.indexOf("valuekey=") + 9, PLAINTEXT.indexOf('\n'));
    assertThat(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(field)))
        .isEqualTo(VALUE_KEY_HEX);
  }

  @Test
  void example_opensslCommand_printsTheSixthField() throws Exception {
    assertThat(TAG_COMMAND)
        .isEqualTo(
            "printf 'sealwright.dev/v1 value-tag\\nhunter2' | openssl dgst -sha256 -mac HMAC"
                + " -macopt hexkey:"
                + VALUE_KEY_HEX
                + " -binary | base64");
    Processes.Result r = Processes.run(new ProcessBuilder("sh", "-c", TAG_COMMAND), new byte[0]);
    assertThat(r.exitCode()).isZero();
    String tag = ENVELOPE.split(":", -1)[5];
    assertThat(new String(r.stdout(), US_ASCII)).isEqualTo(tag + "\n");
    assertThat(Sealer.valueTag(ENVELOPE).orElseThrow().encoded()).isEqualTo(tag);
    // And the same from the envelope alone, by age -d and openssl.
    assertThat(AgeShell.valueTag(ENVELOPE, identityFile())).isEqualTo(tag);
  }
}
