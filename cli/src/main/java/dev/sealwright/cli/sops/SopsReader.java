package dev.sealwright.cli.sops;

import dev.sealwright.age.Age;
import dev.sealwright.age.Identity;
import dev.sealwright.cli.CliException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a SOPS-encrypted file into a {@link SopsDocument}: with an age identity in memory (the data
 * key from the file's age stanza, every value opened, the MAC checked before anything is returned),
 * or, when no age stanza opens with the identities given, with the real {@code sops decrypt} if it
 * is on {@code PATH}.
 */
public final class SopsReader {
  private SopsReader() {}

  /**
   * A file to read.
   *
   * @param file where it is on disk, for {@code sops decrypt}; null for standard input
   * @param source how messages name it
   */
  public record Input(String text, Path file, String source, SopsFormat format) {}

  /**
   * @return empty when the file has no SOPS metadata (it is not SOPS-encrypted)
   * @throws CliException naming the file: it does not open, or its MAC does not match
   */
  public static Optional<SopsDocument> read(
      Input input, List<? extends Identity> identities, Optional<SopsCli> sops) {
    SopsParser.Parsed parsed = SopsParser.parse(input.text(), input.format(), input.source());
    if (parsed.metadata() == null) {
      return Optional.empty();
    }
    SopsMetadata metadata = SopsMetadata.read(parsed.metadata(), input.source());
    boolean javaReads = !metadata.rule().onComments() && metadata.keyGroups() <= 1;
    if (javaReads) {
      Optional<SecretBytes> dataKey = dataKey(metadata, identities, input.source());
      if (dataKey.isPresent()) {
        byte[] key = dataKey.get().toByteArray();
        try {
          List<SopsValue> documents =
              TreeDecryptor.decrypt(parsed.documents(), metadata, key, input.source());
          return Optional.of(new SopsDocument(input.source(), input.format(), documents, false));
        } finally {
          java.util.Arrays.fill(key, (byte) 0);
          dataKey.get().destroy();
        }
      }
    }
    if (sops.isPresent() && input.file() != null) {
      return Optional.of(viaSops(sops.get(), input, metadata));
    }
    throw cannotOpen(input, metadata, javaReads, identities.isEmpty());
  }

  private static Optional<SecretBytes> dataKey(
      SopsMetadata metadata, List<? extends Identity> identities, String source) {
    if (identities.isEmpty()) {
      return Optional.empty();
    }
    for (SopsMetadata.AgeKey age : metadata.ageKeys()) {
      SecretBytes key;
      try {
        key = Age.decrypt(age.enc().getBytes(StandardCharsets.US_ASCII), identities);
      } catch (NoMatchingIdentityException e) {
        continue;
      } catch (SealingException e) {
        throw CliException.failed(
            source
                + ": the data key for age recipient "
                + age.recipient()
                + " does not open: "
                + e.getMessage(),
            "restore the file from Git");
      }
      if (key.size() != SopsCipher.DATA_KEY_SIZE) {
        key.destroy();
        throw CliException.failed(
            source + ": the data key for age recipient " + age.recipient() + " is not 32 bytes",
            "restore the file from Git");
      }
      return Optional.of(key);
    }
    return Optional.empty();
  }

  private static SopsDocument viaSops(SopsCli sops, Input input, SopsMetadata metadata) {
    byte[] plain = sops.decrypt(input.file(), input.format(), input.source());
    try {
      // The parser takes text, so the plaintext is briefly a String here (on this path only).
      String text = new String(plain, StandardCharsets.UTF_8);
      SopsParser.Parsed parsed = SopsParser.parse(text, input.format(), input.source());
      List<SopsValue> documents = new ArrayList<>();
      for (SourceNode doc : parsed.documents()) {
        documents.add(plainValue(doc, new ArrayList<>(), metadata.rule(), input.source()));
      }
      return new SopsDocument(input.source(), input.format(), documents, true);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  private static SopsValue plainValue(
      SourceNode node, List<String> path, SopsMetadata.EncryptionRule rule, String source) {
    return switch (node) {
      case SourceNode.Mapping m -> {
        List<SopsValue.Field> fields = new ArrayList<>();
        for (SourceNode.Field f : m.fields()) {
          path.add(f.key());
          fields.add(new SopsValue.Field(f.key(), plainValue(f.value(), path, rule, source)));
          path.removeLast();
        }
        yield new SopsValue.Mapping(fields);
      }
      case SourceNode.Sequence s ->
          new SopsValue.Sequence(
              s.items().stream().map(i -> plainValue(i, path, rule, source)).toList());
      case SourceNode.Scalar s ->
          new SopsValue.Leaf(
              SecretBytes.adopt(s.text().getBytes(StandardCharsets.UTF_8)),
              s.type(),
              rule.onComments() || rule.encrypts(path, source));
      case SourceNode.Null n -> new SopsValue.Null();
    };
  }

  private static CliException cannotOpen(
      Input input, SopsMetadata metadata, boolean javaReads, boolean noIdentity) {
    List<String> keys = new ArrayList<>();
    for (SopsMetadata.AgeKey a : metadata.ageKeys()) {
      keys.add("age " + a.recipient());
    }
    keys.addAll(metadata.otherKeyServices());
    String why;
    if (!javaReads) {
      why =
          metadata.keyGroups() > 1
              ? "its data key is split across " + metadata.keyGroups() + " key groups"
              : "it uses " + metadata.rule().kind() + ", which only sops itself applies";
    } else if (noIdentity) {
      why = "no age identity was given";
    } else {
      why = "no age identity given matches its age recipients";
    }
    return CliException.failed(
        input.source()
            + " cannot be decrypted here: "
            + why
            + " (encrypted to: "
            + (keys.isEmpty() ? "nothing Sealwright knows" : String.join(", ", keys))
            + ")",
        "pass the matching age identity with -i FILE (or SOPS_AGE_KEY_FILE), or put sops on PATH"
            + " so that 'sops decrypt' can use the other key services");
  }
}
