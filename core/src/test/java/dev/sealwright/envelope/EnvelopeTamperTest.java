package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every change to an envelope is refused with a checked error, never an unchecked exception. */
class EnvelopeTamperTest {
  private static final Binding BINDING =
      Binding.builder().namespace("prod").name("db").item("password").build();

  private static Identity identity(boolean pq) {
    return pq ? AgeKeys.generateHybrid() : AgeKeys.generateX25519();
  }

  private static String seal(Identity id) throws SealingException {
    return Sealer.seal(
        SecretBytes.copyOf("correct horse battery".getBytes(UTF_8)),
        BINDING,
        List.of(id.recipient().orElseThrow()));
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void open_everyCharacterFlipped_refused(boolean pq) throws Exception {
    Identity id = identity(pq);
    Keyring keyring = Keyring.of(List.of(id));
    String env = seal(id);
    for (int i = 0; i < env.length(); i++) {
      char[] c = env.toCharArray();
      c[i] ^= 0x01;
      String tampered = new String(c);
      try {
        Sealer.open(tampered, BINDING, keyring);
        fail("flipping character %d of %d was accepted", i, env.length());
      } catch (SealingException expected) {
        // the documented family
      } catch (RuntimeException e) {
        throw new AssertionError("flipping character " + i + " threw unchecked " + e, e);
      }
    }
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void open_everyAgeByteFlipped_refused(boolean pq) throws Exception {
    Identity id = identity(pq);
    Keyring keyring = Keyring.of(List.of(id));
    String env = seal(id);
    byte[] age = HandMadeEnvelopes.body(env);
    for (int i = 0; i < age.length; i++) {
      byte[] t = age.clone();
      t[i] ^= 0x01;
      String tampered = HandMadeEnvelopes.withBody(env, t);
      try {
        Sealer.open(tampered, BINDING, keyring);
        fail("flipping age byte %d of %d was accepted", i, age.length);
      } catch (SealingException expected) {
        // the documented family
      } catch (RuntimeException e) {
        throw new AssertionError("flipping age byte " + i + " threw unchecked " + e, e);
      }
    }
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void open_everyTruncation_refused(boolean pq) throws Exception {
    Identity id = identity(pq);
    Keyring keyring = Keyring.of(List.of(id));
    String env = seal(id);
    for (int len = 0; len < env.length(); len++) {
      String truncated = env.substring(0, len);
      assertThatThrownBy(() -> Sealer.open(truncated, BINDING, keyring))
          .as("truncated to %d", len)
          .isInstanceOf(SealingException.class);
    }
  }

  @ParameterizedTest(name = "input=\"{0}\"")
  @ValueSource(
      strings = {
        "",
        "sw1",
        "sw1::::",
        "sw2:strict::0123456789abcdef:AAAA",
        "sw1:strict::0123456789ABCDEF:AAAA",
        "sw1:Strict::0123456789abcdef:AAAA",
        "sw1:strict::0123456789abcdef,:AAAA",
        "sw1:strict::0123456789abcdef:AA=A",
        "sw1:strict:Bad_SA:0123456789abcdef:AAAA",
        "sw1:strict::0123456789abcdef:AAAA:extra"
      })
  void open_malformedClearPart_malformedEnvelope(String input) {
    Keyring keyring = Keyring.of(List.of(AgeKeys.generateX25519()));
    assertThatThrownBy(() -> Sealer.open(input, BINDING, keyring))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.ENVELOPE));
  }

  @ParameterizedTest(name = "postQuantum={0}")
  @ValueSource(booleans = {true, false})
  void open_nonCanonicalBase64_malformedEnvelope(boolean pq) throws Exception {
    Identity id = identity(pq);
    Keyring keyring = Keyring.of(List.of(id));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int checked = 0;
    for (int size = 1; size <= 3; size++) {
      String env =
          Sealer.seal(
              SecretBytes.copyOf(new byte[size]), BINDING, List.of(id.recipient().orElseThrow()));
      String body = env.split(":", -1)[4];
      if (!body.endsWith("=")) {
        continue;
      }
      // Set an unused low bit of the last data character: same bytes, non-canonical text.
      int last = body.replaceAll("=+$", "").length() - 1;
      char changed = alphabet.charAt(alphabet.indexOf(body.charAt(last)) ^ 1);
      String tampered =
          env.replace(body, body.substring(0, last) + changed + body.substring(last + 1));
      assertThatThrownBy(() -> Sealer.open(tampered, BINDING, keyring))
          .isInstanceOf(MalformedException.class)
          .hasMessageContaining("canonical");
      checked++;
    }
    // The age file grows by one byte per value byte: of three lengths in a row, two need padding.
    assertThat(checked).as("padded bodies among value sizes 1..3").isEqualTo(2);
  }
}
