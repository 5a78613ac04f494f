package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.errors.BindingMismatchException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealerTest {
  private static final HybridIdentity CLUSTER = AgeKeys.generateHybrid();
  private static final Keyring KEYRING = Keyring.of(List.of(CLUSTER));
  private static final Binding DB_PASSWORD =
      Binding.builder().namespace("prod").name("db").item("password").build();

  private static String seal(String value, Binding b) throws SealingException {
    return Sealer.seal(
        SecretBytes.copyOf(value.getBytes(UTF_8)), b, List.of(CLUSTER.publicRecipient()));
  }

  @Test
  void open_sameBinding_returnsValue() throws Exception {
    String env = seal("s3cret", DB_PASSWORD);
    assertThat(env).startsWith("sw1:strict::" + KeyId.of(CLUSTER.publicRecipient()) + ":");
    assertThat(Sealer.open(env, DB_PASSWORD, KEYRING).toByteArray())
        .isEqualTo("s3cret".getBytes(UTF_8));
  }

  @Test
  void open_classicRecipient_returnsValue() throws Exception {
    X25519Identity classic = AgeKeys.generateX25519();
    String env =
        Sealer.seal(
            SecretBytes.copyOf(new byte[] {1, 2}), DB_PASSWORD, List.of(classic.publicRecipient()));
    assertThat(Sealer.open(env, DB_PASSWORD, Keyring.of(List.of(classic))).toByteArray())
        .containsExactly(1, 2);
    assertThat(Sealer.inspect(env).postQuantum()).isFalse();
  }

  @Test
  void open_movedToOtherNamespace_bindingMismatch() throws Exception {
    String env = seal("v", DB_PASSWORD);
    Binding moved = DB_PASSWORD.toBuilder().namespace("staging").build();
    assertThatThrownBy(() -> Sealer.open(env, moved, KEYRING))
        .isInstanceOf(BindingMismatchException.class)
        .hasMessageContaining("namespace=prod")
        .hasMessageContaining("namespace=staging");
  }

  @Test
  void open_movedToOtherName_bindingMismatch() throws Exception {
    String env = seal("v", DB_PASSWORD);
    Binding moved = DB_PASSWORD.toBuilder().name("web").build();
    assertThatThrownBy(() -> Sealer.open(env, moved, KEYRING))
        .isInstanceOf(BindingMismatchException.class);
  }

  @Test
  void open_movedToOtherItem_bindingMismatch() throws Exception {
    String env = seal("v", DB_PASSWORD);
    Binding moved = DB_PASSWORD.toBuilder().item("username").build();
    assertThatThrownBy(() -> Sealer.open(env, moved, KEYRING))
        .isInstanceOf(BindingMismatchException.class);
  }

  @Test
  void open_usedUnderOtherScope_bindingMismatch() throws Exception {
    String env = seal("v", DB_PASSWORD);
    Binding wider = DB_PASSWORD.toBuilder().scope(Scope.NAMESPACE).build();
    assertThatThrownBy(() -> Sealer.open(env, wider, KEYRING))
        .isInstanceOf(BindingMismatchException.class);
  }

  @Test
  void open_clearScopeRewritten_innerBindingRefuses() throws Exception {
    String env = seal("v", DB_PASSWORD);
    String forged = env.replaceFirst("^sw1:strict:", "sw1:namespace:");
    Binding wider = DB_PASSWORD.toBuilder().scope(Scope.NAMESPACE).build();
    assertThatThrownBy(() -> Sealer.open(forged, wider, KEYRING))
        .isInstanceOf(BindingMismatchException.class)
        .hasMessageContaining("scope=strict");
  }

  @Test
  void open_serviceAccountBinding_requiresSameServiceAccount() throws Exception {
    Binding bound = DB_PASSWORD.toBuilder().serviceAccount("api").build();
    String env = seal("v", bound);
    assertThat(Sealer.open(env, bound, KEYRING).toByteArray()).isEqualTo("v".getBytes(UTF_8));
    assertThatThrownBy(() -> Sealer.open(env, DB_PASSWORD, KEYRING))
        .isInstanceOf(BindingMismatchException.class);
    assertThatThrownBy(
            () -> Sealer.open(env, bound.toBuilder().serviceAccount("web").build(), KEYRING))
        .isInstanceOf(BindingMismatchException.class);
  }

  @Test
  void open_namespaceScope_allowsRename() throws Exception {
    Binding ns =
        Binding.builder().scope(Scope.NAMESPACE).namespace("prod").name("db").item("k").build();
    String env = seal("v", ns);
    Binding renamed =
        Binding.builder().scope(Scope.NAMESPACE).namespace("prod").name("other").item("k").build();
    assertThat(Sealer.open(env, renamed, KEYRING).toByteArray()).isEqualTo("v".getBytes(UTF_8));
  }

  @Test
  void open_clusterScope_allowsAnyNamespace() throws Exception {
    Binding cluster = Binding.builder().scope(Scope.CLUSTER).item("k").build();
    String env = seal("v", cluster);
    Binding elsewhere =
        Binding.builder().scope(Scope.CLUSTER).namespace("any").name("thing").item("k").build();
    assertThat(Sealer.open(env, elsewhere, KEYRING).toByteArray()).isEqualTo("v".getBytes(UTF_8));
  }

  @Test
  void open_unknownKeyId_noMatchingIdentity() throws Exception {
    String env = seal("v", DB_PASSWORD);
    Keyring other = Keyring.of(List.of(AgeKeys.generateHybrid()));
    assertThatThrownBy(() -> Sealer.open(env, DB_PASSWORD, other))
        .isInstanceOf(NoMatchingIdentityException.class)
        .hasMessageContaining(KeyId.of(CLUSTER.publicRecipient()).value());
  }

  @Test
  void seal_twoClustersAndBreakGlass_eachOpens() throws Exception {
    HybridIdentity second = AgeKeys.generateHybrid();
    HybridIdentity breakGlass = AgeKeys.generateHybrid();
    String env =
        Sealer.seal(
            SecretBytes.copyOf("v".getBytes(UTF_8)),
            DB_PASSWORD,
            List.of(
                CLUSTER.publicRecipient(), second.publicRecipient(), breakGlass.publicRecipient()));
    for (HybridIdentity id : List.of(CLUSTER, second, breakGlass)) {
      assertThat(Sealer.open(env, DB_PASSWORD, Keyring.of(List.of(id))).toByteArray())
          .isEqualTo("v".getBytes(UTF_8));
    }
    assertThat(Sealer.inspect(env).keyIds())
        .containsExactly(
            KeyId.of(CLUSTER.publicRecipient()),
            KeyId.of(second.publicRecipient()),
            KeyId.of(breakGlass.publicRecipient()));
  }

  @Test
  void seal_mixedPostQuantumAndClassic_refused() {
    assertThatThrownBy(
            () ->
                Sealer.seal(
                    SecretBytes.copyOf(new byte[1]),
                    DB_PASSWORD,
                    List.of(CLUSTER.publicRecipient(), AgeKeys.generateX25519().publicRecipient())))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("post-quantum");
  }

  // The limits below are docs/format.md's numbers, written out: a wrong constant fails here.

  @Test
  void seal_overOneMebibyte_refusedWithSizeError() {
    SecretBytes big = SecretBytes.copyOf(new byte[1_048_577]);
    assertThatThrownBy(() -> Sealer.seal(big, DB_PASSWORD, List.of(CLUSTER.publicRecipient())))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE))
        .hasMessage("the value of item 'password' is 1048577 bytes; the limit is 1 MiB");
  }

  @Test
  void seal_exactlyOneMebibyte_opens() throws Exception {
    byte[] value = new byte[1_048_576];
    value[0] = 1;
    value[1_048_575] = 2;
    String env =
        Sealer.seal(SecretBytes.copyOf(value), DB_PASSWORD, List.of(CLUSTER.publicRecipient()));
    assertThat(Sealer.open(env, DB_PASSWORD, KEYRING).toByteArray()).isEqualTo(value);
  }

  @Test
  void open_envelopeOneCharacterOverTwoMebibytes_refusedBeforeDecoding() {
    String prefix = "sw1:strict::0123456789abcdef:";
    String huge = prefix + "A".repeat(2_097_153 - prefix.length());
    assertThatThrownBy(() -> Sealer.open(huge, DB_PASSWORD, KEYRING))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE));
    assertThatThrownBy(() -> Sealer.keyIds(huge))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE));
  }

  @Test
  void open_envelopeOfExactlyTwoMebibytes_passesTheLengthCheck() throws Exception {
    String prefix = "sw1:strict::0123456789abcdef:";
    String atLimit = prefix + "A".repeat(2_097_152 - prefix.length());
    // Refused, but by a later check: 2,097,123 body characters cannot be padded base64.
    assertThatThrownBy(() -> Sealer.open(atLimit, DB_PASSWORD, KEYRING))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.ENVELOPE))
        .hasMessageContaining("not canonical padded base64");
    assertThat(Sealer.keyIds(atLimit)).containsExactly(new KeyId("0123456789abcdef"));
  }

  @Test
  void keyIds_ofEnvelope_sameAsInspect() throws Exception {
    String env = seal("v", DB_PASSWORD);
    assertThat(Sealer.keyIds(env)).isEqualTo(Sealer.inspect(env).keyIds());
    assertThatThrownBy(() -> Sealer.keyIds("sw1:strict::NOTHEX:AAAA"))
        .isInstanceOf(MalformedException.class);
  }

  @Test
  void inspect_withoutKey_showsScopeKeyIdsAndSize() throws Exception {
    String env = seal("12345", DB_PASSWORD);
    EnvelopeInfo info = Sealer.inspect(env);
    assertThat(info.scope()).isEqualTo(Scope.STRICT);
    assertThat(info.keyIds()).containsExactly(KeyId.of(CLUSTER.publicRecipient()));
    assertThat(info.stanzaTypes()).containsExactly("mlkem768x25519");
    assertThat(info.postQuantum()).isTrue();
    assertThat(info.valueLength(DB_PASSWORD)).isEqualTo(5);
  }
}
