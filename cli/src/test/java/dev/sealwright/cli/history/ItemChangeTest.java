package dev.sealwright.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.OpenedValue;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.envelope.ValueChange;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history commands' one classifier, on envelopes with and without value tags. */
class ItemChangeTest {
  private static final HybridIdentity A = AgeKeys.generateHybrid();
  private static final HybridIdentity B = AgeKeys.generateHybrid();
  private static final Binding BINDING =
      Binding.builder().scope(Scope.STRICT).namespace("prod").name("db").item("pw").build();

  private static String seal(String value, HybridIdentity to) throws Exception {
    return Sealer.seal(
        SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8)),
        BINDING,
        List.of(to.publicRecipient()));
  }

  private static ItemChange between(String before, String after) {
    return ItemChange.between(ItemChange.Facts.of(before), ItemChange.Facts.of(after));
  }

  @Test
  void resealToAnotherKey_isResealedWithKeyChanged() throws Exception {
    String old = seal("hunter2-hunter2", A);
    OpenedValue opened = Sealer.openForReseal(old, BINDING, Keyring.of(List.of(A)));
    String again = Sealer.reseal(opened, List.of(B.publicRecipient()));
    opened.destroy();

    ItemChange change = between(old, again);

    assertThat(change.value()).isEqualTo(ValueChange.RESEALED);
    assertThat(change.describe()).isEqualTo("re-sealed, key changed");
  }

  @Test
  void newValue_isValueChanged() throws Exception {
    assertThat(between(seal("hunter2-hunter2", A), seal("correct-horse", A)).describe())
        .isEqualTo("value changed");
  }

  @Test
  void envelopeWithoutTag_isUnknown() throws Exception {
    String tagged = seal("hunter2-hunter2", A);
    // The clear fields of an envelope written before value tags: five fields.
    String untagged = tagged.substring(0, tagged.lastIndexOf(':'));

    assertThat(between(untagged, tagged).value()).isEqualTo(ValueChange.UNKNOWN);
    assertThat(between(untagged, tagged).describe()).isEqualTo("re-sealed: value may have changed");
  }

  @Test
  void identicalEnvelopes_areUnchanged() throws Exception {
    String e = seal("hunter2-hunter2", A);

    assertThat(between(e, e).value()).isEqualTo(ValueChange.UNCHANGED);
  }
}
