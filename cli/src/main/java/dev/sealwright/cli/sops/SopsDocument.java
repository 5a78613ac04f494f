package dev.sealwright.cli.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * A decrypted SOPS file: its documents (one for JSON and dotenv, one per YAML document) without the
 * {@code sops} metadata, as ordered trees, so another component can walk the leaves with their
 * paths.
 *
 * @param source how messages name the file
 * @param viaSopsCli whether the real {@code sops decrypt} produced it (another key service)
 */
public record SopsDocument(
    String source, SopsFormat format, List<SopsValue> documents, boolean viaSopsCli) {
  public SopsDocument {
    documents = List.copyOf(documents);
  }

  /** One step of a leaf's path: a mapping key or a sequence index. */
  public sealed interface Step {
    record Key(String name) implements Step {}

    record Index(int index) implements Step {}
  }

  /**
   * A leaf with its place.
   *
   * @param document the index of its document
   * @param path from the document's root; the last {@link Step.Key} is the leaf's map key
   */
  public record PathLeaf(int document, List<Step> path, SopsValue.Leaf leaf) {
    public PathLeaf {
      path = List.copyOf(path);
    }
  }

  /** Every leaf, in file order. */
  public List<PathLeaf> leaves() {
    List<PathLeaf> leaves = new ArrayList<>();
    for (int d = 0; d < documents.size(); d++) {
      collect(d, documents.get(d), new ArrayList<>(), leaves);
    }
    return leaves;
  }

  private static void collect(int doc, SopsValue v, List<Step> path, List<PathLeaf> into) {
    switch (v) {
      case SopsValue.Mapping m -> {
        for (SopsValue.Field f : m.fields()) {
          path.add(new Step.Key(f.key()));
          collect(doc, f.value(), path, into);
          path.removeLast();
        }
      }
      case SopsValue.Sequence s -> {
        for (int i = 0; i < s.items().size(); i++) {
          path.add(new Step.Index(i));
          collect(doc, s.items().get(i), path, into);
          path.removeLast();
        }
      }
      case SopsValue.Leaf l -> into.add(new PathLeaf(doc, path, l));
      case SopsValue.Null n -> {}
    }
  }

  /** Overwrites every plaintext this document holds. */
  public void destroy() {
    documents.forEach(SopsValue::destroy);
  }
}
