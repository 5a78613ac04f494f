package dev.sealwright.operator.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sealwright.errors.Bounded;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Optional;

/**
 * A request to retire a key, as {@code sealwright keys retire} writes it on the key Secret: who
 * asks and when. The time also names the request: the operator's answer carries it, so an answer to
 * an earlier request is never taken for the answer to this one.
 *
 * @param requestedAt the annotation's text as written (parsed only when the record is made)
 */
public record RetirementRequest(String secretName, String requestedBy, String requestedAt) {

  /** The request on a key Secret, if it carries one. */
  public static Optional<RetirementRequest> of(ObjectMeta meta) {
    Map<String, String> a = meta.getAnnotations();
    String at = a == null ? null : a.get(WireNames.RETIRE_REQUESTED_AT_ANNOTATION);
    if (at == null) {
      return Optional.empty();
    }
    String by = a.get(WireNames.RETIRE_REQUESTED_BY_ANNOTATION);
    return Optional.of(
        new RetirementRequest(
            meta.getName(),
            by == null ? "unknown" : Bounded.text(by, RetiredKey.MAX_NAME),
            Bounded.text(at, 64)));
  }

  /** Whether the Secret already carries the operator's refusal of this very request. */
  public boolean answeredOn(ObjectMeta meta) {
    Map<String, String> a = meta.getAnnotations();
    String refusal = a == null ? null : a.get(WireNames.RETIRE_REFUSED_ANNOTATION);
    if (refusal == null) {
      return false;
    }
    try {
      JsonNode answered = KeysJson.MAPPER.readTree(refusal).get("requestedAt");
      return answered != null && requestedAt.equals(answered.asText());
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
