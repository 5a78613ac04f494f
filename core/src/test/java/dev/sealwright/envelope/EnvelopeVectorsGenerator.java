package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.age.Age;
import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Armor;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.age.X25519Identity;
import dev.sealwright.secret.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the project's envelope vectors, one scenario per file, into
 * core/src/test/resources/vectors/. Sealing is randomised, so it writes only the scenarios that
 * have no file yet (pass {@code --all} to rewrite every file):
 *
 * <pre>./mvnw -q -pl core test-compile exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=dev.sealwright.envelope.EnvelopeVectorsGenerator</pre>
 */
public final class EnvelopeVectorsGenerator {
  private static boolean rewrite;

  private EnvelopeVectorsGenerator() {}

  public static void main(String[] args) throws Exception {
    List<String> flags = List.of(args);
    rewrite = flags.contains("--all");
    Path dir =
        Path.of(
            flags.stream()
                .filter(a -> !a.startsWith("--"))
                .findFirst()
                .orElse("src/test/resources/vectors"));
    Files.createDirectories(dir);
    HybridIdentity pq = AgeKeys.generateHybrid();
    HybridIdentity pq2 = AgeKeys.generateHybrid();
    X25519Identity classic = AgeKeys.generateX25519();
    String pqKey = new String(pq.encoded().toByteArray(), US_ASCII);
    String classicKey = new String(classic.encoded().toByteArray(), US_ASCII);
    Binding strict = Binding.builder().namespace("prod").name("db").item("password").build();
    byte[] value = "correct horse battery staple".getBytes(US_ASCII);

    String strictEnv = seal(value, strict, pq);
    write(
        dir,
        "strict_hybrid",
        "success",
        pqKey,
        strict,
        value,
        "strict scope, post-quantum recipient",
        strictEnv);
    write(
        dir,
        "strict_x25519",
        "success",
        classicKey,
        strict,
        value,
        "strict scope, classic recipient",
        seal(value, strict, classic));
    Binding ns =
        Binding.builder().scope(Scope.NAMESPACE).namespace("prod").item("password").build();
    write(
        dir,
        "namespace_scope",
        "success",
        pqKey,
        ns,
        value,
        "namespace scope: no name bound",
        seal(value, ns, pq));
    Binding cluster = Binding.builder().scope(Scope.CLUSTER).item("password").build();
    write(
        dir,
        "cluster_scope",
        "success",
        pqKey,
        cluster,
        value,
        "cluster scope: only the item bound",
        seal(value, cluster, pq));
    Binding sa = strict.toBuilder().serviceAccount("api").build();
    write(
        dir,
        "service_account",
        "success",
        pqKey,
        sa,
        value,
        "bound to service account api",
        seal(value, sa, pq));
    write(
        dir,
        "empty_value",
        "success",
        pqKey,
        strict,
        new byte[0],
        "an empty value",
        seal(new byte[0], strict, pq));
    String two =
        Sealer.seal(
            SecretBytes.copyOf(value),
            strict,
            List.of(pq2.publicRecipient(), pq.publicRecipient()));
    write(
        dir,
        "two_recipients_second_key",
        "success",
        pqKey,
        strict,
        value,
        "two recipients; the identity is the second key id",
        two);
    write(
        dir,
        "moved_namespace",
        "binding mismatch",
        pqKey,
        strict.toBuilder().namespace("staging").build(),
        null,
        "sealed for prod, used in staging",
        strictEnv);
    write(
        dir,
        "moved_item",
        "binding mismatch",
        pqKey,
        strict.toBuilder().item("username").build(),
        null,
        "sealed for item password, used as username",
        strictEnv);
    write(
        dir,
        "scope_widened_in_clear",
        "binding mismatch",
        pqKey,
        ns,
        null,
        "clear scope rewritten to namespace; the sealed binding still says strict",
        strictEnv.replaceFirst("^sw1:strict:", "sw1:namespace:"));
    write(
        dir,
        "unknown_key",
        "no match",
        classicKey,
        strict,
        null,
        "sealed to another key",
        strictEnv);
    write(
        dir,
        "tampered_payload",
        "authentication failed",
        pqKey,
        strict,
        null,
        "last payload byte flipped",
        flipLastByte(strictEnv));
    String padded = strictEnv;
    for (int extra = 1; !bodyField(padded).endsWith("="); extra++) {
      padded = seal(new byte[extra], strict, pq);
    }
    write(
        dir,
        "non_canonical_base64",
        "malformed",
        pqKey,
        strict,
        null,
        "body without its padding",
        padded.replace(bodyField(padded), bodyField(padded).replaceAll("=+$", "")));
    write(
        dir,
        "wrong_magic",
        "malformed",
        pqKey,
        strict,
        null,
        "version 2 is not defined",
        strictEnv.replaceFirst("^sw1:", "sw2:"));
    limits(dir, strict, value);
    valueTags(dir, strict, value, pq, pqKey);
  }

  /**
   * The value tag of docs/format.md §3.1: a tagged envelope, the ways a clear tag can lie, the
   * malformed sixth fields, and pairs of envelopes of one item for {@link ValueChange}.
   */
  private static void valueTags(
      Path dir, Binding strict, byte[] value, HybridIdentity pq, String pqKey) throws Exception {
    String tagged = seal(value, strict, pq);
    String clear = tagged.substring(0, tagged.lastIndexOf(':'));
    write(dir, "value_tag", "success", pqKey, strict, value, "a value tag in clear", tagged);
    write(
        dir,
        "value_tag_stripped",
        "authentication failed",
        pqKey,
        strict,
        null,
        "the sixth field removed; the sealed valuekey says there was one",
        clear);
    write(
        dir,
        "value_tag_added",
        "authentication failed",
        pqKey,
        strict,
        null,
        "an envelope without valuekey (before value tags) given another envelope's clear tag",
        envelope(
                List.of(KeyId.of(pq.publicRecipient()).value()),
                Age.encrypt(plaintext(strict, value), List.of(pq.publicRecipient())))
            + tagged.substring(tagged.lastIndexOf(':')));
    String other = seal("another value".getBytes(US_ASCII), strict, pq);
    write(
        dir,
        "value_tag_swapped",
        "authentication failed",
        pqKey,
        strict,
        null,
        "the clear tag of another value's envelope: a changed value posing as re-sealed",
        clear + other.substring(other.lastIndexOf(':')));
    String tag = tagged.substring(tagged.lastIndexOf(':') + 1);
    write(
        dir,
        "value_tag_empty",
        "malformed",
        pqKey,
        strict,
        null,
        "an empty sixth field",
        clear + ":");
    write(
        dir,
        "value_tag_non_canonical",
        "malformed",
        pqKey,
        strict,
        null,
        "the tag's base64 without its padding",
        clear + ":" + tag.replace("=", ""));
    write(
        dir,
        "value_tag_too_long",
        "malformed",
        pqKey,
        strict,
        null,
        "a 33-byte tag",
        clear + ":" + Base64.getEncoder().encodeToString(new byte[33]));
    write(
        dir,
        "seven_fields",
        "malformed",
        pqKey,
        strict,
        null,
        "a seventh field after the tag",
        tagged + ":" + tag);
    OpenedValue opened = Sealer.openForReseal(tagged, strict, Keyring.of(List.of(pq)));
    HybridIdentity next = AgeKeys.generateHybrid();
    write(
        dir,
        "resealed_same_value",
        "success",
        new String(next.encoded().toByteArray(), US_ASCII),
        strict,
        value,
        "re-sealed by Sealer.reseal to another key: the same tag",
        Sealer.reseal(opened, List.of(next.publicRecipient())));
    pair(dir, "resealed_same_value", tagged, ValueChange.RESEALED);
    opened.destroy();
    write(
        dir,
        "sealed_anew_same_value",
        "success",
        pqKey,
        strict,
        value,
        "the same value sealed again by Sealer.seal: a fresh tag key, reported as changed",
        seal(value, strict, pq));
    pair(dir, "sealed_anew_same_value", tagged, ValueChange.CHANGED);
    String untagged =
        envelope(
            List.of(KeyId.of(pq.publicRecipient()).value()),
            Age.encrypt(plaintext(strict, value), List.of(pq.publicRecipient())));
    OpenedValue old = Sealer.openForReseal(untagged, strict, Keyring.of(List.of(pq)));
    write(
        dir,
        "resealed_from_untagged",
        "success",
        pqKey,
        strict,
        value,
        "an envelope from before value tags, re-sealed: a fresh tag, nothing to compare with",
        Sealer.reseal(old, List.of(pq.publicRecipient())));
    pair(dir, "resealed_from_untagged", untagged, ValueChange.UNKNOWN);
    old.destroy();
  }

  /** The recipient cap of docs/format.md §1: at the limit, and one past it in each field. */
  private static void limits(Path dir, Binding strict, byte[] value) throws Exception {
    List<X25519Identity> ids = new ArrayList<>();
    for (int i = 0; i <= Sealer.MAX_RECIPIENTS; i++) {
      ids.add(AgeKeys.generateX25519());
    }
    List<X25519Identity> atLimit = ids.subList(0, Sealer.MAX_RECIPIENTS);
    X25519Identity last = atLimit.getLast();
    String lastKey = new String(last.encoded().toByteArray(), US_ASCII);
    write(
        dir,
        "recipients_at_limit",
        "success",
        lastKey,
        strict,
        value,
        Sealer.MAX_RECIPIENTS + " recipients (the limit); the identity is the last key id",
        Sealer.seal(
            SecretBytes.copyOf(value),
            strict,
            atLimit.stream().map(X25519Identity::publicRecipient).toList()));
    // Sealer refuses to write these, so they are assembled from a plain age file.
    byte[] plaintext = plaintext(strict, value);
    byte[] seventeen =
        Age.encrypt(plaintext, ids.stream().map(X25519Identity::publicRecipient).toList());
    write(
        dir,
        "key_ids_over_limit",
        "malformed",
        lastKey,
        strict,
        null,
        (Sealer.MAX_RECIPIENTS + 1) + " key ids in clear, one past the limit",
        envelope(ids.stream().map(i -> KeyId.of(i.publicRecipient()).value()).toList(), seventeen));
    write(
        dir,
        "stanzas_over_limit",
        "malformed",
        lastKey,
        strict,
        null,
        "one key id in clear but "
            + (Sealer.MAX_RECIPIENTS + 1)
            + " stanzas in the age header: refused before any unwrap",
        envelope(List.of(KeyId.of(last.publicRecipient()).value()), seventeen));
    byte[] single = Age.encrypt(plaintext, List.of(last.publicRecipient()));
    write(
        dir,
        "armored_body",
        "malformed",
        lastKey,
        strict,
        null,
        "the body is an armored age file; envelopes hold the binary form",
        envelope(
            List.of(KeyId.of(last.publicRecipient()).value()),
            Armor.encode(single).getBytes(US_ASCII)));
  }

  private static String bodyField(String env) {
    return env.split(":", -1)[4];
  }

  private static byte[] plaintext(Binding binding, byte[] value) {
    byte[] line = (binding.canonical() + "\n").getBytes(US_ASCII);
    byte[] out = java.util.Arrays.copyOf(line, line.length + value.length);
    System.arraycopy(value, 0, out, line.length, value.length);
    return out;
  }

  private static String envelope(List<String> keyIds, byte[] ageFile) {
    return "sw1:strict::"
        + String.join(",", keyIds)
        + ":"
        + Base64.getEncoder().encodeToString(ageFile);
  }

  private static String seal(byte[] value, Binding b, HybridIdentity id) throws Exception {
    return Sealer.seal(SecretBytes.copyOf(value), b, List.of(id.publicRecipient()));
  }

  private static String seal(byte[] value, Binding b, X25519Identity id) throws Exception {
    return Sealer.seal(SecretBytes.copyOf(value), b, List.of(id.publicRecipient()));
  }

  private static String flipLastByte(String env) {
    byte[] age = HandMadeEnvelopes.body(env);
    age[age.length - 1] ^= 1;
    return HandMadeEnvelopes.withBody(env, age);
  }

  /**
   * Makes the scenario just written a pair: {@code previous}, an earlier envelope of the item, and
   * the {@link ValueChange} from it to the scenario's envelope, before the envelope line.
   */
  private static void pair(Path dir, String name, String previous, ValueChange change)
      throws Exception {
    Path file = dir.resolve(name + ".txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(file, US_ASCII));
    if (lines.stream().anyMatch(l -> l.startsWith("previous: "))) {
      return; // an existing pair, kept as it is
    }
    int at = lines.size() - 1; // the envelope line is the last
    lines.add(at, "change: " + change.name().toLowerCase(java.util.Locale.ROOT));
    lines.add(at, "previous: " + previous);
    Files.write(file, lines, US_ASCII);
  }

  private static void write(
      Path dir,
      String name,
      String expect,
      String identity,
      Binding binding,
      byte[] value,
      String comment,
      String envelope)
      throws Exception {
    Path file = dir.resolve(name + ".txt");
    if (Files.exists(file) && !rewrite) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("expect: " + expect);
    lines.add("identity: " + identity);
    lines.add("binding: " + binding.canonical());
    if (value != null) {
      lines.add("value: " + HexFormat.of().formatHex(value));
    }
    lines.add("comment: " + comment);
    lines.add("envelope: " + envelope);
    Files.write(file, lines, US_ASCII);
  }
}
