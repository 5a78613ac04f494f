package dev.sealwright.cli.sops;

/**
 * A string that a regular expression may read only so many characters of, in total: Java's regex
 * engine backtracks, and a regex taken from a file (SOPS' {@code encrypted_regex}) must not hang
 * the command.
 */
final class BoundedChars implements CharSequence {
  /** Far above any sane regex on a mapping key; reached in well under a second. */
  private static final int MAX_READS = 1_000_000;

  /** Thrown when the budget is spent. */
  static final class TooCostly extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooCostly() {
      super("regular expression over its step budget", null, false, false);
    }
  }

  private final String text;
  private final int[] reads;

  BoundedChars(String text) {
    this(text, new int[] {0});
  }

  private BoundedChars(String text, int[] reads) {
    this.text = text;
    this.reads = reads;
  }

  @Override
  public char charAt(int index) {
    if (++reads[0] > MAX_READS) {
      throw new TooCostly();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BoundedChars(text.substring(start, end), reads);
  }

  @Override
  public String toString() {
    return text;
  }
}
