package dev.sealwright.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.testenv.KubeTestEnvironment;
import dev.sealwright.testenv.TestNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Envelopes changed after sealing, applied to the real API server: the operator refuses each with
 * the reason docs/operator.md gives, writes no Secret, and says nothing about the value.
 */
@ExtendWith(KubeTestEnvironment.class)
class TamperedValuesIT {
  private static final String VALUE = "tamper-me-" + System.nanoTime();

  /**
   * The age file of an envelope (field 5), the clear fields before it and the value tag after it
   * (field 6, with its colon).
   */
  private record Envelope(String clear, byte[] body, String tag) {
    static Envelope of(String envelope) {
      String[] f = envelope.split(":", -1);
      return new Envelope(
          String.join(":", Arrays.copyOf(f, 4)) + ":",
          Base64.getDecoder().decode(f[4]),
          f.length == 6 ? ":" + f[5] : "");
    }

    String with(byte[] newBody) {
      return clear + Base64.getEncoder().encodeToString(newBody) + tag;
    }

    /** The same age file under another clear tag ({@code ""} for none). */
    String withTag(String newTag) {
      return clear + Base64.getEncoder().encodeToString(body) + newTag;
    }

    /** Where the payload starts: after the header's {@code ---} MAC line. */
    int payloadOffset() {
      String text = new String(body, StandardCharsets.ISO_8859_1);
      int mac = text.indexOf("\n--- ");
      return text.indexOf('\n', mac + 1) + 1;
    }
  }

  private static SealedSecret withItem(SealedSecret sealed, String name, String envelope) {
    SealedSecret copy = new SealedSecret();
    copy.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withNamespace(sealed.getMetadata().getNamespace())
            .withName(name)
            .build());
    copy.setSpec(Serialization.clone(sealed.getSpec()));
    copy.getSpec().setEncryptedData(new java.util.LinkedHashMap<>(Map.of("pw", envelope)));
    return copy;
  }

  private static void assertNothingRevealed(
      KubernetesClient admin, OperatorHarness h, SealedSecret refused, String reason) {
    String ns = refused.getMetadata().getNamespace();
    String name = refused.getMetadata().getName();
    assertThat(h.secret(ns, name)).isNull();
    assertThat(refused.getStatus().condition(Conditions.READY).orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(Serialization.asJson(refused.getStatus())).doesNotContain(VALUE);
    Eventually.await(
        "a " + reason + " event on " + name,
        OperatorHarness.TIMEOUT,
        () -> !events(admin, ns, name, reason).isEmpty());
    assertThat(events(admin, ns, name, reason))
        .allSatisfy(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getMessage()).doesNotContain(VALUE);
            });
  }

  /**
   * Applies copies of {@code sealed} named {@code control} (an untampered envelope) and each key of
   * {@code tampered}: the control opens to VALUE, every tampered copy fails authentication.
   */
  private static void assertOnlyControlOpens(
      KubernetesClient admin,
      OperatorHarness h,
      SealedSecret sealed,
      String control,
      Map<String, String> tampered) {
    String ns = sealed.getMetadata().getNamespace();
    h.apply(withItem(sealed, "control", control));
    tampered.forEach((name, envelope) -> h.apply(withItem(sealed, name, envelope)));
    h.awaitReason(ns, "control", Conditions.UNSEALED);
    assertThat(OperatorHarness.decoded(h.secret(ns, "control"), "pw")).isEqualTo(VALUE);
    for (String name : tampered.keySet()) {
      SealedSecret refused = h.awaitReason(ns, name, Conditions.AUTHENTICATION_FAILED);
      assertNothingRevealed(admin, h, refused, Conditions.AUTHENTICATION_FAILED);
    }
  }

  private static List<Event> events(KubernetesClient admin, String ns, String name, String reason) {
    return admin.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  @Test
  void payloadOrHeaderByteFlipped_authenticationFailed_noSecret(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      // Namespace scope, so that the copies' names are no reason to refuse them: the untampered
      // control opens, and the two others differ from it in one bit each.
      SealedSecret sealed =
          h.sealWithCli(ns.name(), "orig", Map.of("pw", VALUE), "--scope", "namespace");
      Envelope env = Envelope.of(sealed.getSpec().getEncryptedData().get("pw"));

      byte[] payload = env.body().clone();
      payload[payload.length - 1] ^= 0x01; // the last chunk's tag
      byte[] header = env.body().clone();
      // The MAC's first character (6 whole bits; the last one has unused bits, and changing
      // those would be non-canonical base64, Malformed rather than a wrong MAC).
      int mac = new String(header, StandardCharsets.ISO_8859_1).indexOf("\n--- ") + 5;
      header[mac] = (byte) (header[mac] == 'A' ? 'B' : 'A');
      assertThat(new String(header, StandardCharsets.ISO_8859_1))
          .as("still a well-formed header: only the MAC's value changed")
          .startsWith("age-encryption.org/v1\n");
      assertOnlyControlOpens(
          admin,
          h,
          sealed,
          env.with(env.body()),
          Map.of("payload", env.with(payload), "header", env.with(header)));
    }
  }

  /**
   * The value tag (docs/format.md §3.1) is checked by core's opening, which the operator uses: a
   * changed value given the old clear tag (to pass for a re-seal in a diff) and an envelope whose
   * tag was cut off are both refused like altered ciphertext.
   */
  @Test
  void valueTagOfAnotherValueOrCutOff_authenticationFailed_noSecret(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      SealedSecret sealed =
          h.sealWithCli(ns.name(), "orig", Map.of("pw", VALUE), "--scope", "namespace");
      SealedSecret other =
          h.sealWithCli(ns.name(), "other", Map.of("pw", "old-value"), "--scope", "namespace");
      Envelope env = Envelope.of(sealed.getSpec().getEncryptedData().get("pw"));
      Envelope old = Envelope.of(other.getSpec().getEncryptedData().get("pw"));
      assertThat(env.tag()).hasSize(45);
      assertOnlyControlOpens(
          admin,
          h,
          sealed,
          env.withTag(env.tag()),
          Map.of("lying", env.withTag(old.tag()), "cut", env.withTag("")));
    }
  }

  /**
   * An envelope whose age payload would decrypt to more than the format's 1 MiB + 1 KiB is refused
   * from its length alone. Its payload is random bytes: had anything been decrypted, the first
   * chunk's tag would have failed as AuthenticationFailed. Malformed proves the order.
   */
  @Test
  void payloadOverTheReaderLimit_malformedBeforeDecryption_noSecret(
      KubernetesClient admin, TestNamespace ns) {
    try (OperatorHarness h = OperatorHarness.start(admin, ns.name())) {
      SealedSecret sealed = h.sealWithCli(ns.name(), "big", Map.of("pw", VALUE));
      Envelope env = Envelope.of(sealed.getSpec().getEncryptedData().get("pw"));
      // 16-byte nonce, 16 full chunks (64 KiB + 16-byte tag each), a last chunk of 1,100 bytes
      // plus its tag: plaintext 16 * 65,536 + 1,100 = 1,049,676 > 1,048,576 + 1,024.
      int nonce = 16;
      byte[] random = new byte[nonce + 16 * (65_536 + 16) + 1_100 + 16];
      new SecureRandom().nextBytes(random);
      int header = env.payloadOffset();
      byte[] body = Arrays.copyOf(env.body(), header + random.length);
      System.arraycopy(random, 0, body, header, random.length);
      h.apply(withItem(sealed, "big", env.with(body)));

      SealedSecret refused = h.awaitReason(ns.name(), "big", Conditions.MALFORMED);
      assertThat(refused.getStatus().condition(Conditions.READY).orElseThrow().getMessage())
          .contains("1049600-byte limit");
      assertNothingRevealed(admin, h, refused, Conditions.MALFORMED);
    }
  }
}
