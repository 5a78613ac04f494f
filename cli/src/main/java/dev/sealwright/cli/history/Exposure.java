package dev.sealwright.cli.history;

/**
 * One value that was sealed to the audited key: a lineage of envelopes of one item whose value did
 * not change (a re-seal of the same value continues it; a value change starts a new one).
 *
 * @param file the file's path in {@code first}
 * @param fileAtHead where the item's file is at HEAD (after renames); null when the file is gone
 * @param first the first commit that wrote the value sealed to the key
 * @param last the last commit that wrote it sealed to the key (a re-seal that kept the key)
 */
record Exposure(
    ItemKey key,
    String file,
    String fileAtHead,
    CommitInfo first,
    CommitInfo last,
    ExposureStatus status) {}
