package dev.sealwright.envelope;

import dev.sealwright.age.Recipient;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import java.util.Optional;

/**
 * Seals one value of one item into a Sealwright envelope (format v1, see {@code docs/format.md})
 * and opens it again.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Only a holder of an identity for one of the recipients can open the value.
 *   <li>The {@link Binding} is authenticated inside the age payload: a value copied to another
 *       namespace, name, item, scope or service account fails with {@link
 *       dev.sealwright.errors.BindingMismatchException}.
 *   <li>Values are limited to {@link #MAX_VALUE_SIZE} bytes and envelopes to {@link
 *       #MAX_RECIPIENTS} recipients; larger inputs are refused before any crypto.
 *   <li>The body must be a binary age file; an armored one is refused, by every reader alike.
 *   <li>Each envelope carries a {@link ValueTag} in clear, keyed by a random tag key sealed inside
 *       it: an envelope whose clear tag is missing, added or not its value's tag fails with {@link
 *       dev.sealwright.errors.AuthenticationFailedException}. {@link #reseal} keeps the tag, {@link
 *       #seal} makes a new one, so tags tell a re-seal from a new value without revealing equal
 *       values elsewhere ({@link ValueChange}).
 * </ul>
 */
public final class Sealer {
  /** The largest value that can be sealed: 1 MiB, Kubernetes' own limit for a whole Secret. */
  public static final int MAX_VALUE_SIZE = 1 << 20;

  /**
   * The most recipients (key ids in clear, stanzas in the age header) one envelope may have. Two
   * clusters and a break-glass key need three; the cap keeps a tenant's object from costing a
   * hundred thousand key lookups, metric labels or unwrap attempts (docs/format.md §1).
   */
  public static final int MAX_RECIPIENTS = 16;

  private Sealer() {}

  /**
   * Seals {@code value} for {@code binding} to every recipient (all post-quantum, or all classic),
   * as a new value: under a fresh tag key, so its {@link ValueTag} is unrelated to any other.
   *
   * @return the envelope, a single line of printable ASCII
   */
  public static String seal(
      SecretBytes value, Binding binding, List<? extends Recipient> recipients)
      throws SealingException {
    return EnvelopeCodec.seal(value, binding, recipients, null);
  }

  /**
   * Seals an opened value again, for the binding it was opened for, to {@code recipients}, keeping
   * its {@link ValueTag} so that tools without a key can tell it was only re-sealed. A value opened
   * from an envelope without a tag gets a fresh one.
   */
  public static String reseal(OpenedValue opened, List<? extends Recipient> recipients)
      throws SealingException {
    return EnvelopeCodec.seal(opened.value(), opened.binding(), recipients, opened.valueKey());
  }

  /**
   * Opens an envelope with the identity its key id names, and checks that it is bound to {@code
   * expected}.
   */
  public static SecretBytes open(String envelope, Binding expected, Keyring keyring)
      throws SealingException {
    return EnvelopeCodec.open(envelope, expected, keyring);
  }

  /**
   * Opens like {@link #open} and keeps what {@link #reseal} needs to seal the same value again
   * under the same tag. The caller must {@link OpenedValue#destroy()} the result.
   */
  public static OpenedValue openForReseal(String envelope, Binding expected, Keyring keyring)
      throws SealingException {
    return EnvelopeCodec.openValue(envelope, expected, keyring);
  }

  /**
   * The key ids an envelope names in clear, read without decoding its body: cheap enough for
   * metrics and routing. It checks only the clear fields it reads; {@link #open} checks everything.
   */
  public static List<KeyId> keyIds(String envelope) throws SealingException {
    return EnvelopeCodec.keyIds(envelope);
  }

  /**
   * The value tag an envelope carries in clear, read without decoding its body; empty for envelopes
   * written before value tags. Compare two with {@link ValueChange#between}.
   */
  public static Optional<ValueTag> valueTag(String envelope) throws SealingException {
    return EnvelopeCodec.valueTag(envelope);
  }

  /** Reads what an envelope says in clear, without any key. */
  public static EnvelopeInfo inspect(String envelope) throws SealingException {
    return EnvelopeCodec.inspect(envelope);
  }
}
