package dev.sealwright.errors;

/** The input does not follow the format: it was never produced by a correct implementation. */
public final class MalformedException extends SealingException {

  /** Which layer failed to parse; lines up with the age testkit's expectations. */
  public enum Part {
    /** ASCII armor around an age file ("armor failure"). */
    ARMOR,
    /** The age header ("header failure"). */
    HEADER,
    /** The Sealwright envelope around the age file. */
    ENVELOPE,
    /** An identity or recipient string. */
    KEY,
    /** A value over the size limit. */
    SIZE
  }

  private final Part part;

  public MalformedException(Part part, String message) {
    super(message);
    this.part = part;
  }

  public MalformedException(Part part, String message, Throwable cause) {
    super(message, cause);
    this.part = part;
  }

  public Part part() {
    return part;
  }
}
