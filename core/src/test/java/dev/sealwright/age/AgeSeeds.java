package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.testing.EnvelopeVectors;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Seeds and fixed keys for the age fuzz targets, all taken from the envelope vectors. */
final class AgeSeeds {
  private AgeSeeds() {}

  /** The identity strings of the vectors, each once. */
  static List<String> identities() {
    Set<String> out = new LinkedHashSet<>();
    for (EnvelopeVectors.Vector v : EnvelopeVectors.all()) {
      out.add(v.get("identity"));
    }
    return List.copyOf(out);
  }

  static List<Identity> parsedIdentities() {
    List<Identity> out = new ArrayList<>();
    for (String s : identities()) {
      try {
        out.add(AgeKeys.parseIdentity(s));
      } catch (MalformedException e) {
        throw new IllegalStateException("a vector's identity does not parse", e);
      }
    }
    return out;
  }

  /** The recipient strings of the vectors' identities. */
  static List<String> recipients() {
    return parsedIdentities().stream()
        .map(i -> i.recipient().orElseThrow().encoded())
        .distinct()
        .toList();
  }

  /** The binary age files inside the vectors' envelopes (the last field, base64). */
  static List<byte[]> ageFiles() {
    List<byte[]> out = new ArrayList<>();
    for (EnvelopeVectors.Vector v : EnvelopeVectors.all()) {
      String envelope = v.get("envelope");
      try {
        out.add(Base64.getDecoder().decode(envelope.substring(envelope.lastIndexOf(':') + 1)));
      } catch (IllegalArgumentException e) {
        // non_canonical_base64 and wrong_magic still seed the envelope target.
      }
    }
    return out;
  }

  static List<byte[]> ascii(List<String> strings) {
    return strings.stream().map(s -> s.getBytes(US_ASCII)).toList();
  }
}
