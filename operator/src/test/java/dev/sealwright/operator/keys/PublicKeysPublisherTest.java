package dev.sealwright.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicKeysPublisherTest {
  private static KeySnapshot oneKey() throws Exception {
    return new KeySnapshot(
        List.of(
            KeySecrets.fromSecret(
                KeySecrets.toSecret(
                    "ns", AgeKeys.generateHybrid(), Instant.parse("2026-01-01T00:00:00Z")))));
  }

  @Test
  void needsWrite_firstPublishBeforeAnyKey_notWritten() {
    ConfigMap desired = PublicKeys.render("ns", KeySnapshot.EMPTY);

    assertThat(PublicKeysPublisher.needsWrite(null, desired, KeySnapshot.EMPTY)).isFalse();
  }

  @Test
  void needsWrite_firstPublishWithACurrentKey_written() throws Exception {
    KeySnapshot snapshot = oneKey();

    assertThat(PublicKeysPublisher.needsWrite(null, PublicKeys.render("ns", snapshot), snapshot))
        .isTrue();
  }

  @Test
  void needsWrite_existingUnchanged_notWritten() throws Exception {
    KeySnapshot snapshot = oneKey();
    ConfigMap published = PublicKeys.render("ns", snapshot);

    assertThat(
            PublicKeysPublisher.needsWrite(published, PublicKeys.render("ns", snapshot), snapshot))
        .isFalse();
  }

  @Test
  void needsWrite_existingAndEveryKeyGone_writtenSoClientsSeeNoCurrentKey() throws Exception {
    ConfigMap published = PublicKeys.render("ns", oneKey());
    ConfigMap empty = PublicKeys.render("ns", KeySnapshot.EMPTY);

    assertThat(PublicKeysPublisher.needsWrite(published, empty, KeySnapshot.EMPTY)).isTrue();
    assertThat(empty.getData().get(WireNames.RECIPIENTS_TXT)).doesNotContain("age1");
  }

  @Test
  void needsWrite_aKeyUnavailable_notWrittenSoTheListKeepsIt() throws Exception {
    KeySnapshot before = oneKey();
    ConfigMap published = PublicKeys.render("ns", before);
    KeySnapshot outage =
        new KeySnapshot(
            List.of(),
            List.of(
                new UnavailableKey(
                    before.keys().getFirst().secretName(),
                    before.keys().getFirst().keyId().value(),
                    "kms: unreachable",
                    true)));

    assertThat(PublicKeysPublisher.needsWrite(published, PublicKeys.render("ns", outage), outage))
        .isFalse();
  }
}
