package dev.sealwright.operator.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.errors.Bounded;
import dev.sealwright.operator.keys.KeyUsage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of decryptions: one JSON line on the logger {@value #LOGGER} each time the
 * operator tries to open a SealedSecret's items, with the object, the item names, the cluster keys
 * the envelopes name, the result (the Ready reason the status gets) and the operator instance;
 * never a value, a message or anything derived from a value. docs/operator.md ("Audit") documents
 * the fields and how to route the logger.
 */
public final class DecryptionAudit {
  /** The logger name, to route or silence the audit trail in logback.xml. */
  public static final String LOGGER = "sealwright.audit";

  private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Item names and key ids per line; an object may have more, a line stays bounded. */
  static final int MAX_LISTED = 100;

  private final String instance;
  private final Clock clock;

  public DecryptionAudit(String instance, Clock clock) {
    this.instance = Objects.requireNonNull(instance);
    this.clock = clock;
  }

  /** The object a line is about. */
  @JsonPropertyOrder({"namespace", "name", "uid", "generation"})
  record ObjectRef(String namespace, String name, String uid, Long generation) {}

  /**
   * One audit line.
   *
   * @param items the object's item names, sorted
   * @param keyIds the cluster's keys the envelopes name (the keys that open, or would open, them)
   * @param otherKeyIds how many other key ids the envelopes name (break-glass keys, other clusters)
   * @param failedItem the item that failed, for a failure past the first item
   */
  @JsonPropertyOrder({
    "audit",
    "time",
    "instance",
    "object",
    "items",
    "moreItems",
    "keyIds",
    "otherKeyIds",
    "result",
    "failedItem"
  })
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Line(
      String audit,
      String time,
      String instance,
      ObjectRef object,
      List<String> items,
      Integer moreItems,
      List<String> keyIds,
      int otherKeyIds,
      String result,
      String failedItem) {}

  /**
   * Writes the line for one attempt to open {@code ss} with {@code keyring}.
   *
   * @param result the Ready reason of the attempt: {@code Unsealed} or the failure's reason
   * @param failedItem the item that failed, or null
   */
  public void decryption(SealedSecret ss, Keyring keyring, String result, String failedItem) {
    if (AUDIT.isInfoEnabled()) {
      AUDIT.info(line(ss, keyring, result, failedItem));
    }
  }

  /** The line, as JSON on one line. */
  String line(SealedSecret ss, Keyring keyring, String result, String failedItem) {
    Map<String, String> data =
        ss.getSpec() == null || ss.getSpec().getEncryptedData() == null
            ? Map.of()
            : ss.getSpec().getEncryptedData();
    List<String> items = data.keySet().stream().sorted().map(DecryptionAudit::bounded).toList();
    Set<String> held =
        keyring.keyIds().stream().map(KeyId::value).collect(Collectors.toUnmodifiableSet());
    Set<String> named = new TreeSet<>();
    data.values().forEach(envelope -> KeyUsage.keyIds(envelope).forEach(named::add));
    List<String> used = named.stream().filter(held::contains).limit(MAX_LISTED).toList();
    long others = named.stream().filter(id -> !held.contains(id)).count();
    Line line =
        new Line(
            "decryption",
            clock.instant().toString(),
            instance,
            new ObjectRef(
                ss.getMetadata().getNamespace(),
                ss.getMetadata().getName(),
                ss.getMetadata().getUid(),
                ss.getMetadata().getGeneration()),
            items.subList(0, Math.min(items.size(), MAX_LISTED)),
            items.size() > MAX_LISTED ? items.size() - MAX_LISTED : null,
            used,
            (int) others,
            Objects.requireNonNull(result),
            failedItem == null ? null : bounded(failedItem));
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings cannot fail to serialize", e);
    }
  }

  // Item names are tenant input the API server does not check (the status says so when they are
  // not valid Secret keys); JSON escaping keeps them on the line, this keeps them short.
  private static String bounded(String item) {
    return Bounded.text(item, 253);
  }
}
