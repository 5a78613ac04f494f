package dev.sealwright.cli.history;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Problems met while walking history (files that could not be read, malformed SealedSecrets,
 * garbage envelopes): reported, never fatal. A broken file that stays in history for a thousand
 * commits is one blob, so one warning.
 */
final class Warnings {
  /** How many are printed as lines; the JSON document holds them all. */
  static final int PRINTED = 20;

  private final List<String> all = new ArrayList<>();

  void add(String message) {
    all.add(message);
  }

  List<String> all() {
    return List.copyOf(all);
  }

  void print(PrintStream err) {
    for (String message : all.subList(0, Math.min(PRINTED, all.size()))) {
      err.println("sealwright: warning: " + Printable.of(message));
    }
    if (all.size() > PRINTED) {
      err.println(
          "sealwright: warning: "
              + (all.size() - PRINTED)
              + " more warnings not shown; --json lists them all");
    }
  }
}
