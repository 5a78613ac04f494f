package dev.sealwright.age;

import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import java.util.Optional;

/** Something that can unwrap a file key from an age header: an age identity. */
public interface Identity {

  /**
   * Unwraps the file key from the stanzas meant for this identity.
   *
   * @return the file key, or empty if no stanza is for this identity
   * @throws SealingException if a stanza is for this identity's type but is malformed
   */
  Optional<SecretBytes> unwrap(List<Stanza> stanzas) throws SealingException;

  /** The recipient of this identity, if it has one (passphrases do not). */
  Optional<Recipient> recipient();
}
