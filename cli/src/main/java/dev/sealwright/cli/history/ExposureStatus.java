package dev.sealwright.cli.history;

/** Where one exposed value stands at HEAD, and what to do about it. */
enum ExposureStatus {
  CURRENT(
      "current",
      "HEAD still has it sealed to this key: change the credential at its source, then seal the new"
          + " value to a new key"),
  RESEALED(
      "re-sealed",
      "HEAD has the same value sealed to other keys: it is still exposed; change it at its source"),
  CHANGED(
      "changed",
      "the value was changed later: the old one is no longer used here; revoke it at its source if"
          + " it is still valid there"),
  REMOVED(
      "removed",
      "the item or file was removed later: revoke the old credential at its source if it is still"
          + " valid there"),
  UNKNOWN(
      "unknown",
      "replaced later by an envelope that cannot tell whether the value changed (no value tag):"
          + " treat it as current");

  private final String wireName;
  private final String advice;

  ExposureStatus(String wireName, String advice) {
    this.wireName = wireName;
    this.advice = advice;
  }

  String wireName() {
    return wireName;
  }

  String advice() {
    return advice;
  }
}
