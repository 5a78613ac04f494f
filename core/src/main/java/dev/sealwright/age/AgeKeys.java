package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.ArrayList;
import java.util.List;

/** Parsing and generating age identities and recipients in their standard string forms. */
public final class AgeKeys {
  private AgeKeys() {}

  /** A new post-quantum identity: the default. */
  public static HybridIdentity generateHybrid() {
    return HybridIdentity.generate();
  }

  /** A new classic X25519 identity. */
  public static X25519Identity generateX25519() {
    return X25519Identity.generate();
  }

  /** Parses {@code age1pq1...} (post-quantum) or {@code age1...} (X25519). */
  public static Recipient parseRecipient(String s) throws MalformedException {
    String t = s.strip();
    if (t.startsWith("age1pq1")) {
      return HybridRecipient.parse(t);
    }
    if (t.startsWith("age1")) {
      return X25519Recipient.parse(t);
    }
    throw new MalformedException(
        MalformedException.Part.KEY,
        "unknown recipient type: expected age1pq1... (post-quantum) or age1... (X25519)");
  }

  /** Parses one identity string, {@code AGE-SECRET-KEY-PQ-1...} or {@code AGE-SECRET-KEY-1...}. */
  public static Identity parseIdentity(String s) throws MalformedException {
    String t = s.strip();
    if (t.startsWith("AGE-SECRET-KEY-PQ-1")) {
      return HybridIdentity.parse(t);
    }
    if (t.startsWith("AGE-SECRET-KEY-1")) {
      return X25519Identity.parse(t);
    }
    throw new MalformedException(
        MalformedException.Part.KEY,
        "unknown identity type: expected AGE-SECRET-KEY-PQ-1... or AGE-SECRET-KEY-1...");
  }

  /**
   * Parses an identity file: one identity per line, blank lines and {@code #} comments ignored.
   *
   * @throws MalformedException naming the line (never its contents) that is not an identity
   */
  public static List<Identity> parseIdentities(String text) throws MalformedException {
    List<Identity> out = parseLines(text, "identity file", AgeKeys::parseIdentity);
    if (out.isEmpty()) {
      throw new MalformedException(
          MalformedException.Part.KEY, "the identity file holds no identity");
    }
    return out;
  }

  /**
   * Reads an identity file that may be passphrase-protected (an age file, armored or binary,
   * encrypted with scrypt, as {@code age -p} writes it); {@code passphrase} is asked only in that
   * case.
   */
  public static List<Identity> readIdentityFile(
      byte[] content, java.util.function.Supplier<SecretBytes> passphrase) throws SealingException {
    boolean encrypted =
        Armor.isArmored(content)
            || new String(content, 0, Math.min(content.length, Header.INTRO.length()), US_ASCII)
                .equals(Header.INTRO);
    if (!encrypted) {
      return parseIdentities(new String(content, US_ASCII));
    }
    SecretBytes pass = passphrase.get();
    SecretBytes plain = Age.decrypt(content, List.of(Scrypt.identity(pass)));
    byte[] text = plain.toByteArray();
    try {
      return parseIdentities(new String(text, US_ASCII));
    } finally {
      java.util.Arrays.fill(text, (byte) 0);
      plain.destroy();
    }
  }

  /**
   * Parses a recipients file: one recipient per line, blank lines and {@code #} comments ignored.
   */
  public static List<Recipient> parseRecipients(String text) throws MalformedException {
    return parseLines(text, "recipients file", AgeKeys::parseRecipient);
  }

  private interface LineParser<T> {
    T parse(String line) throws MalformedException;
  }

  private static <T> List<T> parseLines(String text, String what, LineParser<T> parser)
      throws MalformedException {
    List<T> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        out.add(parser.parse(line));
      } catch (MalformedException e) {
        throw new MalformedException(
            MalformedException.Part.KEY,
            "line " + (i + 1) + " of the " + what + ": " + e.getMessage());
      }
    }
    return out;
  }
}
