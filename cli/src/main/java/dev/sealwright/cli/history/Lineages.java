package dev.sealwright.cli.history;

import java.util.Arrays;

/** Union-find over node numbers: which envelopes hold one value. */
final class Lineages {
  private int[] parent = new int[1024];
  private int size;

  /** Adds the next node, alone in its lineage. */
  void add() {
    if (size == parent.length) {
      parent = Arrays.copyOf(parent, size * 2);
    }
    parent[size] = size;
    size++;
  }

  int find(int node) {
    int root = node;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[node] != root) {
      int next = parent[node];
      parent[node] = root;
      node = next;
    }
    return root;
  }

  void union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
