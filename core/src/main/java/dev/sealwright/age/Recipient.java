package dev.sealwright.age;

import java.util.List;

/** Something a file key can be wrapped to: an age recipient. */
public interface Recipient {

  /** Wraps the 16-byte file key into one or more stanzas. */
  List<Stanza> wrap(byte[] fileKey);

  /**
   * Labels that must be shared by every recipient of a file; a post-quantum recipient returns
   * {@code postquantum} so it is never mixed with a classic one, which would defeat it.
   */
  default List<String> labels() {
    return List.of();
  }

  /** The recipient's canonical string form (for example {@code age1pq1...}). */
  String encoded();
}
