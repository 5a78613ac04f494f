package dev.sealwright.operator.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sealwright.errors.Bounded;
import java.time.Instant;
import java.util.List;

/**
 * The operator's answer to a retirement request it refuses, written as JSON in the annotation
 * {@code sealwright.dev/retire-refused} of the key Secret for the CLI to read back, and as a
 * Warning event. Names objects and items, never values; bounded by {@link KeyUsage}.
 *
 * @param requestedAt the request it answers
 * @param reason one of the constants below
 * @param objects how many SealedSecrets use the key (0 unless the reason is {@link #IN_USE})
 * @param listed the first of them
 */
@JsonPropertyOrder({"requestedAt", "refusedAt", "reason", "message", "objects", "listed"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RetirementRefusal(
    String requestedAt,
    String refusedAt,
    String reason,
    String message,
    int objects,
    List<KeyUsage.Use> listed) {

  /** SealedSecrets still have items sealed to the key. */
  public static final String IN_USE = "InUse";

  /** The key is active: new values may be sealed to it. */
  public static final String ACTIVE = "KeyActive";

  /** The key Secret is not a usable key (malformed, or refused as retired before). */
  public static final String UNREADABLE = "KeyUnreadable";

  /** The request itself, or the check, failed (the message says which). */
  public static final String FAILED = "CheckFailed";

  public RetirementRefusal {
    message = Bounded.message(message);
    listed = List.copyOf(listed);
  }

  static RetirementRefusal of(RetirementRequest request, Instant now, String reason, String why) {
    return new RetirementRefusal(request.requestedAt(), now.toString(), reason, why, 0, List.of());
  }

  static RetirementRefusal inUse(
      RetirementRequest request, Instant now, String keyId, KeyUsage usage) {
    return new RetirementRefusal(
        request.requestedAt(),
        now.toString(),
        IN_USE,
        usage.objects()
            + " SealedSecret(s) in the namespaces this operator watches still have items sealed"
            + " to key "
            + keyId
            + ", for example "
            + usage.listed().getFirst().describe()
            + "; re-seal them ('sealwright reseal FILE -i IDENTITY'), apply them, and retire"
            + " again",
        usage.objects(),
        usage.listed());
  }

  /** The annotation's value. */
  String json() {
    try {
      return KeysJson.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings cannot fail to serialize", e);
    }
  }
}
