package dev.sealwright.cli;

import java.util.ArrayList;
import java.util.List;

/** The lines removed from and added to a text (longest common subsequence), for edit tests. */
public record LineDiff(List<String> removed, List<String> added) {

  public static LineDiff of(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      if (a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        removed.add(a.get(i++));
      } else {
        added.add(b.get(j++));
      }
    }
    removed.addAll(a.subList(i, a.size()));
    added.addAll(b.subList(j, b.size()));
    return new LineDiff(removed, added);
  }

  /** The item keys of the changed {@code encryptedData} lines (" key: sw1:..."). */
  public static List<String> itemsOf(List<String> lines) {
    return lines.stream().map(l -> l.strip().substring(0, l.strip().indexOf(':'))).toList();
  }
}
