package dev.sealwright.cli.values;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.values.SealedValuesFile.Leaf;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Which leaves of a values file are sealed: those under a {@code --path} (keys joined by '.'; a
 * path selects the leaf or the whole subtree it names).
 */
public final class ValuesSelection {
  @Option(
      names = {"-p", "--path"},
      paramLabel = "PATH",
      description =
          "Seal the leaf or every leaf of the map at PATH (keys joined by '.', e.g. secrets.db);"
              + " repeatable.")
  List<String> paths = new ArrayList<>();

  boolean isEmpty() {
    return paths.isEmpty();
  }

  List<List<String>> prefixes() {
    List<List<String>> prefixes = new ArrayList<>();
    for (String path : paths) {
      if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
        throw CliException.usage(
            "--path '" + path + "' is not a path of keys",
            "join map keys with '.', e.g. --path secrets.db");
      }
      prefixes.add(List.of(path.split("\\.")));
    }
    return prefixes;
  }

  /** The leaves under {@code prefixes}; each prefix must select at least one leaf. */
  static List<Leaf> under(SealedValuesFile file, List<List<String>> prefixes) {
    Set<Leaf> selected = new LinkedHashSet<>();
    for (List<String> prefix : prefixes) {
      List<Leaf> hits = file.leaves().stream().filter(l -> l.under(prefix)).toList();
      if (hits.isEmpty()) {
        throw CliException.failed(
            "--path '" + String.join(".", prefix) + "' names no value in " + file.source(),
            "check the keys; a path joins map keys with '.'");
      }
      selected.addAll(hits);
    }
    return file.leaves().stream().filter(selected::contains).toList();
  }

  /**
   * The leaves directly in a map that held an envelope in {@code before}: what {@code values edit}
   * re-seals when no --path is given, so a value added beside sealed ones is sealed too.
   */
  static List<Leaf> besideSealed(SealedValuesFile before, SealedValuesFile after) {
    Set<List<String>> maps = new LinkedHashSet<>();
    for (Leaf leaf : before.leaves()) {
      if (leaf.sealed()) {
        maps.add(parent(leaf));
      }
    }
    return after.leaves().stream().filter(l -> maps.contains(parent(l))).toList();
  }

  private static List<String> parent(Leaf leaf) {
    return leaf.path().subList(0, leaf.path().size() - 1);
  }
}
