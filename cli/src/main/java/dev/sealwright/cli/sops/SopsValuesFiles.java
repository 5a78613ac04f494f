package dev.sealwright.cli.sops;

import dev.sealwright.age.Recipient;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.values.SealedValuesFile;
import dev.sealwright.cli.values.SealedValuesFile.Leaf;
import dev.sealwright.cli.values.ValuesSealer;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a SOPS-encrypted values file (YAML or JSON, one document, not a Kubernetes object: a Helm
 * values file as helm-secrets keeps it) into a sealed values file ({@code docs/cli.md}, "Sealed
 * values files"). The text is the SOPS file's own: each {@code ENC[...]} value becomes one envelope
 * in place, the {@code sops} metadata and the comments SOPS encrypted are removed, and every other
 * byte stays as SOPS wrote it, values SOPS left in the clear included. The plaintext goes from the
 * decrypted {@link SopsDocument}'s bytes into the sealer only; it is never a string.
 */
final class SopsValuesFiles {
  /** Go's spelling (the plaintext SOPS encrypts) and YAML's (what 'sops decrypt' prints). */
  private static final List<byte[]> TRUES =
      Stream.of("True", "true", "TRUE").map(t -> t.getBytes(StandardCharsets.US_ASCII)).toList();

  private SopsValuesFiles() {}

  /**
   * A converted file.
   *
   * @param sealed how many values became envelopes
   * @param droppedComments how many comments SOPS had encrypted, which are not kept
   * @param asStrings the values SOPS typed as numbers or booleans, with their type ({@code replicas
   *     (int)}): an envelope opens as a string
   */
  record Sealed(String text, int sealed, int droppedComments, List<String> asStrings) {}

  /** Whether {@code doc} is a values file: one document, a map without apiVersion and kind. */
  static boolean isValuesFile(SopsDocument doc) {
    return doc.format() != SopsFormat.DOTENV
        && doc.documents().size() == 1
        && doc.documents().getFirst() instanceof SopsValue.Mapping m
        && !(m.get("apiVersion") instanceof SopsValue.Leaf
            && m.get("kind") instanceof SopsValue.Leaf);
  }

  /**
   * Why the file cannot become a sealed values file: an encrypted value inside a list has no map
   * key to bind to. Empty when it can.
   */
  static Optional<String> unsealable(SopsDocument doc) {
    for (SopsDocument.PathLeaf p : doc.leaves()) {
      if (p.leaf().encrypted()
          && p.path().stream().anyMatch(s -> s instanceof SopsDocument.Step.Index)) {
        return Optional.of(
            "'"
                + dotted(p.path())
                + "' is an encrypted value inside a list, which has no key to bind an envelope to;"
                + " move it into a map and encrypt the file again, or import it with sops -d |"
                + " sealwright values seal");
      }
    }
    return Optional.empty();
  }

  /**
   * Seals every value of {@code doc} that SOPS encrypted into the text of {@code sopsText}.
   *
   * @param sopsText the SOPS file as stored (encrypted), whose layout the result keeps
   */
  static Sealed seal(
      String sopsText,
      SopsDocument doc,
      ValuesSealer sealer,
      List<Recipient> recipients,
      String source) {
    SopsComments.Stripped stripped =
        doc.format() == SopsFormat.YAML
            ? SopsComments.stripEncrypted(sopsText, source)
            : new SopsComments.Stripped(sopsText, 0);
    SealedValuesFile file =
        SealedValuesFile.parse(stripped.text(), source).withoutKey(SopsParser.METADATA_KEY);
    Map<List<String>, Leaf> byPath = new HashMap<>();
    for (Leaf leaf : file.leaves()) {
      byPath.put(leaf.path(), leaf);
    }
    Map<Leaf, String> envelopes = new LinkedHashMap<>();
    List<String> asStrings = new ArrayList<>();
    for (SopsDocument.PathLeaf p : doc.leaves()) {
      if (!p.leaf().encrypted()) {
        continue; // left in the clear by SOPS (unencrypted_suffix and the like): kept as written
      }
      List<String> path = p.path().stream().map(SopsValuesFiles::step).toList();
      Leaf leaf = byPath.get(path);
      if (leaf == null) {
        throw CliException.failed(
            source + ": the value at '" + dotted(p.path()) + "' is not where its text is",
            "decrypt the file with 'sops decrypt' and seal it with 'sealwright values seal'");
      }
      envelopes.put(leaf, seal(sealer, leaf, p.leaf(), recipients));
      if (!p.leaf().type().equals("str")) {
        asStrings.add(leaf.dotted() + " (" + p.leaf().type() + ")");
      }
    }
    return new Sealed(
        file.replace(envelopes), envelopes.size(), stripped.dropped(), List.copyOf(asStrings));
  }

  /**
   * Seals the value as {@code sops decrypt} prints it: the plaintext of an encrypted boolean is
   * Go's spelling ({@code True}), which YAML writes {@code true}; numbers are already spelled so.
   */
  private static String seal(
      ValuesSealer sealer, Leaf leaf, SopsValue.Leaf value, List<Recipient> recipients) {
    if (!value.type().equals("bool")) {
      return sealer.seal(leaf, value.bytes(), recipients);
    }
    byte[] go = value.bytes().toByteArray();
    SecretBytes yaml =
        SecretBytes.adopt(
            (TRUES.stream().anyMatch(t -> MessageDigest.isEqual(go, t)) ? "true" : "false")
                .getBytes(StandardCharsets.UTF_8));
    java.util.Arrays.fill(go, (byte) 0);
    try {
      return sealer.seal(leaf, yaml, recipients);
    } finally {
      yaml.destroy();
    }
  }

  private static String step(SopsDocument.Step s) {
    return switch (s) {
      case SopsDocument.Step.Key k -> k.name();
      case SopsDocument.Step.Index i -> Integer.toString(i.index());
    };
  }

  private static String dotted(List<SopsDocument.Step> path) {
    return String.join(".", path.stream().map(SopsValuesFiles::step).toList());
  }
}
