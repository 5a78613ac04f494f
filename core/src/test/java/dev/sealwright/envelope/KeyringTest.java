package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Scrypt;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyringTest {
  @Test
  void of_identities_foundByTheirKeyIds() {
    X25519Identity a = AgeKeys.generateX25519();
    KeyId id = KeyId.of(a.publicRecipient());
    Keyring keyring = Keyring.of(List.of(a));

    assertThat(keyring.keyIds()).containsExactly(id);
    assertThat(keyring.find(id)).containsSame(a);
    assertThat(keyring.isEmpty()).isFalse();
    assertThat(Keyring.of(List.of()).isEmpty()).isTrue();
  }

  @Test
  void of_passphraseIdentity_refusedForHavingNoKeyId() {
    var passphrase = Scrypt.identity(SecretBytes.copyOf("pw".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> Keyring.of(List.of(passphrase)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no key id");
  }
}
