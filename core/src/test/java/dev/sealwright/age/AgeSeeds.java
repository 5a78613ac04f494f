package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.testing.EnvelopeVectors;
import dev.sealwright.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;

/**
 * Seeds and fixed keys for the age fuzz targets, from the envelope vectors and the CCTV testkit.
 */
final class AgeSeeds {
  private static final int MAX_SEED_BYTES = 200_000;

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
    return parse(identities());
  }

  static List<Identity> parse(List<String> identities) {
    List<Identity> out = new ArrayList<>();
    for (String s : identities) {
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

  /** The binary age files inside the vectors' envelopes (the fifth field, base64). */
  static List<byte[]> ageFiles() {
    List<byte[]> out = new ArrayList<>();
    for (EnvelopeVectors.Vector v : EnvelopeVectors.all()) {
      String envelope = v.get("envelope");
      try {
        String[] fields = envelope.split(":", -1);
        if (fields.length >= 5) {
          out.add(Base64.getDecoder().decode(fields[4]));
        }
      } catch (IllegalArgumentException e) {
        // non_canonical_base64 and wrong_magic still seed the envelope target.
      }
    }
    return out;
  }

  /**
   * The age files of the CCTV testkit, fetched by the build into the peers cache (third-party data:
   * used from there, never committed).
   */
  static List<byte[]> cctvAgeFiles() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] all : cctvVectors()) {
      int body = header(all).length() + 2;
      byte[] file = Arrays.copyOfRange(all, body, all.length);
      if (header(all).contains("\ncompressed: zlib")) {
        try (var in = new InflaterInputStream(new ByteArrayInputStream(file))) {
          file = in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      // Files of many chunks would raise libFuzzer's input size, and slow every run, to 16 MiB.
      if (file.length <= MAX_SEED_BYTES) {
        out.add(file);
      }
    }
    return out;
  }

  /** The X25519 and post-quantum identities the CCTV testkit uses. */
  static List<String> cctvIdentities() {
    Set<String> out = new LinkedHashSet<>();
    for (byte[] all : cctvVectors()) {
      for (String line : header(all).split("\n")) {
        if (line.startsWith("identity: ")) {
          out.add(line.substring("identity: ".length()));
        }
      }
    }
    return List.copyOf(out);
  }

  private static List<byte[]> cctvVectors() {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestPeers.cctvAgeVectors())) {
      for (Path f : files.sorted().toList()) {
        out.add(Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A testkit file's "key: value" lines, up to the empty line before the age file. */
  private static String header(byte[] vector) {
    String text = new String(vector, ISO_8859_1);
    return text.substring(0, text.indexOf("\n\n"));
  }

  static List<byte[]> ascii(List<String> strings) {
    return strings.stream().map(s -> s.getBytes(US_ASCII)).toList();
  }
}
