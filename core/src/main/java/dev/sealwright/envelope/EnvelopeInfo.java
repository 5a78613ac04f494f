package dev.sealwright.envelope;

import java.util.List;
import java.util.Optional;

/**
 * What an envelope says without being opened.
 *
 * @param scope the scope named in clear (authenticated again inside the payload)
 * @param serviceAccount the service account named in clear, if any
 * @param keyIds the key ids of the recipients, in order
 * @param stanzaTypes the age stanza types of the recipients, such as {@code mlkem768x25519}
 * @param postQuantum whether every recipient is post-quantum
 * @param envelopeLength the length of the envelope string
 * @param sealedPayloadLength the plaintext length inside the age payload: the binding line, a line
 *     feed, then the value
 */
public record EnvelopeInfo(
    Scope scope,
    Optional<String> serviceAccount,
    List<KeyId> keyIds,
    List<String> stanzaTypes,
    boolean postQuantum,
    int envelopeLength,
    long sealedPayloadLength) {

  public EnvelopeInfo {
    keyIds = List.copyOf(keyIds);
    stanzaTypes = List.copyOf(stanzaTypes);
  }

  /** The length of the sealed value, given the binding it was sealed for. */
  public long valueLength(Binding binding) {
    return sealedPayloadLength - binding.canonical().length() - 1;
  }
}
