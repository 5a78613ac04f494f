package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.testing.TestPeers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The published age testkit (C2SP CCTV age/testdata), fetched by the build from the npm package
 * cctv-age: every vector is one dynamic test named after its file.
 */
class CctvAgeVectorsTest {
  private static final int PUBLISHED_VECTORS = 143;

  @Test
  void testkit_asFetched_hasEveryPublishedVector() throws IOException {
    try (Stream<Path> files = Files.list(TestPeers.cctvAgeVectors())) {
      assertThat(files.count()).isEqualTo(PUBLISHED_VECTORS);
    }
  }

  @TestFactory
  Stream<DynamicTest> vector_decrypt_matchesExpectation() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(TestPeers.cctvAgeVectors())) {
      files = s.sorted().toList();
    }
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(Vector.read(f))));
  }

  private static void check(Vector v) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    OutputStream sink =
        new OutputStream() {
          @Override
          public void write(int b) {
            sha.update((byte) b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            sha.update(b, off, len);
          }
        };
    String outcome;
    try {
      byte[] file = v.armored ? Armor.decode(v.file) : v.file;
      Age.decrypt(file, v.identities(), sink);
      outcome = "success";
    } catch (MalformedException e) {
      outcome = e.part() == MalformedException.Part.ARMOR ? "armor failure" : "header failure";
    } catch (NoMatchingIdentityException e) {
      outcome = "no match";
    } catch (AuthenticationFailedException e) {
      outcome =
          e.part() == AuthenticationFailedException.Part.HEADER_MAC
              ? "HMAC failure"
              : "payload failure";
    } catch (SealingException e) {
      outcome = "unexpected " + e;
    }
    assertThat(outcome).as("vector %s (%s)", v.name, v.comment).isEqualTo(v.expect);
    if (outcome.equals("success") || outcome.equals("payload failure")) {
      assertThat(HexFormat.of().formatHex(sha.digest()))
          .as("vector %s: SHA-256 of the plaintext released", v.name)
          .isEqualTo(v.payloadHash);
    }
  }

  /** One testkit file: "key: value" lines, an empty line, then the (possibly zlib'd) age file. */
  private record Vector(
      String name,
      String expect,
      String payloadHash,
      List<String> identityStrings,
      List<String> passphrases,
      boolean armored,
      String comment,
      byte[] file) {

    static Vector read(Path p) throws IOException {
      byte[] all = Files.readAllBytes(p);
      int pos = 0;
      String expect = null;
      String payload = null;
      String comment = "";
      boolean armored = false;
      boolean zlib = false;
      List<String> ids = new ArrayList<>();
      List<String> passphrases = new ArrayList<>();
      while (true) {
        int nl = indexOf(all, pos);
        String line = new String(all, pos, nl - pos, StandardCharsets.UTF_8);
        pos = nl + 1;
        if (line.isEmpty()) {
          break;
        }
        String key = line.substring(0, line.indexOf(": "));
        String value = line.substring(line.indexOf(": ") + 2);
        switch (key) {
          case "expect" -> expect = value;
          case "payload" -> payload = value;
          case "identity" -> ids.add(value);
          case "passphrase" -> passphrases.add(value);
          case "armored" -> armored = value.equals("yes");
          case "compressed" -> zlib = value.equals("zlib");
          case "comment" -> comment = value;
          default -> {}
        }
      }
      byte[] file = java.util.Arrays.copyOfRange(all, pos, all.length);
      if (zlib) {
        try (var in = new InflaterInputStream(new java.io.ByteArrayInputStream(file))) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          in.transferTo(out);
          file = out.toByteArray();
        }
      }
      return new Vector(
          p.getFileName().toString(), expect, payload, ids, passphrases, armored, comment, file);
    }

    List<Identity> identities() throws MalformedException {
      List<Identity> out = new ArrayList<>();
      for (String s : identityStrings) {
        out.add(AgeKeys.parseIdentity(s));
      }
      for (String s : passphrases) {
        out.add(Scrypt.identity(SecretBytes.copyOf(s.getBytes(StandardCharsets.UTF_8))));
      }
      return out;
    }

    private static int indexOf(byte[] b, int from) {
      for (int i = from; i < b.length; i++) {
        if (b[i] == '\n') {
          return i;
        }
      }
      throw new IllegalArgumentException("vector header not terminated");
    }
  }
}
