package dev.sealwright.operator.reconcile;

import static dev.sealwright.operator.Fixtures.seal;
import static dev.sealwright.operator.Fixtures.sealedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Keyring;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UnsealerTest {
  private static final HybridIdentity KEY = AgeKeys.generateHybrid();
  private static final Keyring KEYRING = Keyring.of(List.of(KEY));
  private final AtomicInteger decryptions = new AtomicInteger();
  private final Unsealer unsealer = new Unsealer(decryptions::addAndGet);

  @Test
  void unseal_allItemsBoundHere_opensEveryItem() {
    SealedSecret ss =
        sealedSecret(
            "prod", "db", seal(KEY, "prod", "db", Map.of("user", "admin", "pw", "s3cret")));

    UnsealOutcome outcome = unsealer.unseal(ss, KEYRING);

    assertThat(outcome).isInstanceOf(UnsealOutcome.Opened.class);
    var values = ((UnsealOutcome.Opened) outcome).values();
    assertThat(new String(values.get("pw").toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo("s3cret");
    assertThat(values).containsOnlyKeys("user", "pw");
    assertThat(decryptions).hasValue(2);
  }

  @Test
  void unseal_copiedToAnotherNamespace_failsWithBindingMismatchAndNoValue() {
    SealedSecret ss =
        sealedSecret("staging", "db", seal(KEY, "prod", "db", Map.of("pw", "s3cret")));

    UnsealOutcome outcome = unsealer.unseal(ss, KEYRING);

    assertThat(outcome).isInstanceOf(UnsealOutcome.Failed.class);
    UnsealOutcome.Failed f = (UnsealOutcome.Failed) outcome;
    assertThat(f.reason()).isEqualTo(Conditions.BINDING_MISMATCH);
    assertThat(f.message()).contains("item 'pw'").doesNotContain("s3cret");
  }

  @Test
  void unseal_copiedToAnotherName_failsWithBindingMismatch() {
    SealedSecret ss = sealedSecret("prod", "other", seal(KEY, "prod", "db", Map.of("pw", "x")));

    assertThat(((UnsealOutcome.Failed) unsealer.unseal(ss, KEYRING)).reason())
        .isEqualTo(Conditions.BINDING_MISMATCH);
  }

  @Test
  void unseal_sealedToUnknownKey_failsWithNoMatchingKeyNamingBothKeyIds() {
    HybridIdentity other = AgeKeys.generateHybrid();
    SealedSecret ss = sealedSecret("prod", "db", seal(other, "prod", "db", Map.of("pw", "s3cret")));

    UnsealOutcome.Failed f = (UnsealOutcome.Failed) unsealer.unseal(ss, KEYRING);

    assertThat(f.reason()).isEqualTo(Conditions.NO_MATCHING_KEY);
    assertThat(f.message())
        .contains(KeyId.of(other.publicRecipient()).value())
        .contains(KeyId.of(KEY.publicRecipient()).value());
  }

  @Test
  void unseal_oneItemGarbage_failsWholeObjectAsMalformed() {
    Map<String, String> items =
        new java.util.HashMap<>(seal(KEY, "prod", "db", Map.of("good", "v")));
    items.put("bad", "not-an-envelope");
    SealedSecret ss = sealedSecret("prod", "db", items);

    UnsealOutcome.Failed f = (UnsealOutcome.Failed) unsealer.unseal(ss, KEYRING);

    assertThat(f.reason()).isEqualTo(Conditions.MALFORMED);
    assertThat(f.message()).contains("item 'bad'");
  }

  @Test
  void unseal_payloadAltered_failsWithAuthenticationFailedAndNoDetail() {
    String envelope = seal(KEY, "prod", "db", Map.of("pw", "s3cret")).get("pw");
    // Flip one bit of the last payload byte (inside the final chunk's tag) and re-encode, so the
    // base64 stays canonical and only the authentication can fail.
    String[] fields = envelope.split(":", -1); // the age file is field 5; the value tag follows
    byte[] age = Base64.getDecoder().decode(fields[4]);
    age[age.length - 1] ^= 0x01;
    fields[4] = Base64.getEncoder().encodeToString(age);
    String altered = String.join(":", fields);
    SealedSecret ss = sealedSecret("prod", "db", Map.of("pw", altered));

    UnsealOutcome.Failed f = (UnsealOutcome.Failed) unsealer.unseal(ss, KEYRING);

    assertThat(f.reason()).isEqualTo(Conditions.AUTHENTICATION_FAILED);
    assertThat(f.message())
        .isEqualTo(
            "item 'pw': the sealed value failed authentication (altered or damaged); re-seal it");
  }

  @Test
  void unseal_clearValueTagOfAnotherValue_failsWithAuthenticationFailedAndNoDetail() {
    String envelope = seal(KEY, "prod", "db", Map.of("pw", "new-s3cret")).get("pw");
    String old = seal(KEY, "prod", "db", Map.of("pw", "old-s3cret")).get("pw");
    // The new value with the old tag in clear: a diff would call it re-sealed; opening refuses it.
    String lying =
        envelope.substring(0, envelope.lastIndexOf(':')) + old.substring(old.lastIndexOf(':'));
    String cut = envelope.substring(0, envelope.lastIndexOf(':'));

    for (String bad : List.of(lying, cut)) {
      UnsealOutcome.Failed f =
          (UnsealOutcome.Failed)
              unsealer.unseal(sealedSecret("prod", "db", Map.of("pw", bad)), KEYRING);
      assertThat(f.reason()).isEqualTo(Conditions.AUTHENTICATION_FAILED);
      assertThat(f.message())
          .isEqualTo(
              "item 'pw': the sealed value failed authentication (altered or damaged); re-seal it");
    }
  }

  @Test
  void opened_toString_neverShowsValues() {
    SealedSecret ss = sealedSecret("prod", "db", seal(KEY, "prod", "db", Map.of("pw", "s3cret")));

    assertThat(unsealer.unseal(ss, KEYRING).toString())
        .doesNotContain("s3cret")
        .contains("1 items");
  }

  @Test
  void unseal_unknownScope_failsAsMalformedWithoutDecrypting() throws Exception {
    SealedSecret ss = sealedSecret("prod", "db", seal(KEY, "prod", "db", Map.of("pw", "s3cret")));
    // Only past the CRD's validation: a scope name that is no scope reads as null.
    new ObjectMapper().readerForUpdating(ss.getSpec()).readValue("{\"scope\":\"global\"}");

    UnsealOutcome outcome = unsealer.unseal(ss, KEYRING);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            UnsealOutcome.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(Conditions.MALFORMED);
              assertThat(f.message()).contains("spec.scope");
            });
    assertThat(decryptions).hasValue(0);
  }

  @Test
  void unseal_itemKeyNotASecretKey_failsAsMalformedNamingIt() {
    SealedSecret ss = sealedSecret("prod", "db", Map.of("not a key!", "sw1:x"));

    UnsealOutcome outcome = unsealer.unseal(ss, KEYRING);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            UnsealOutcome.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(Conditions.MALFORMED);
              assertThat(f.message()).startsWith("item 'not a key!': ");
            });
  }

  @Test
  void unseal_noEncryptedData_opensNothing() {
    SealedSecret ss = sealedSecret("prod", "db", Map.of());
    ss.getSpec().setEncryptedData(null);

    assertThat(unsealer.unseal(ss, KEYRING))
        .isInstanceOfSatisfying(UnsealOutcome.Opened.class, o -> assertThat(o.values()).isEmpty());
  }

  @Test
  void opened_destroy_destroysEveryValue() {
    SealedSecret ss =
        sealedSecret("prod", "db", seal(KEY, "prod", "db", Map.of("a", "1", "b", "2")));
    UnsealOutcome.Opened opened = (UnsealOutcome.Opened) unsealer.unseal(ss, KEYRING);

    opened.destroy();

    assertThat(opened.values().values()).allSatisfy(v -> assertThat(v.isDestroyed()).isTrue());
  }
}
