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
 * @param valueTag the value tag in clear; empty for envelopes written before value tags. It is
 *     trustworthy because an envelope whose tag is not its value's does not open; compare tags with
 *     {@link ValueChange}
 */
public record EnvelopeInfo(
    Scope scope,
    Optional<String> serviceAccount,
    List<KeyId> keyIds,
    List<String> stanzaTypes,
    boolean postQuantum,
    int envelopeLength,
    long sealedPayloadLength,
    Optional<ValueTag> valueTag) {

  public EnvelopeInfo {
    keyIds = List.copyOf(keyIds);
    stanzaTypes = List.copyOf(stanzaTypes);
  }

  /** The length of the sealed value, given the binding it was sealed for. */
  public long valueLength(Binding binding) {
    int keyField = valueTag.isPresent() ? BindingCodec.VALUE_KEY_FIELD_LENGTH : 0;
    return sealedPayloadLength - binding.canonical().length() - keyField - 1;
  }
}
