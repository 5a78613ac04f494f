package dev.sealwright.envelope;

import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.age.Stanza;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keyring of one identity that counts its unwrap attempts: "refused before any key was tried".
 */
final class CountingKeyring {
  private CountingKeyring() {}

  static Keyring of(Identity real, AtomicInteger unwraps) {
    Identity counting =
        new Identity() {
          @Override
          public Optional<SecretBytes> unwrap(List<Stanza> stanzas) throws SealingException {
            unwraps.incrementAndGet();
            return real.unwrap(stanzas);
          }

          @Override
          public Optional<Recipient> recipient() {
            return real.recipient();
          }
        };
    return Keyring.of(List.of(counting));
  }
}
