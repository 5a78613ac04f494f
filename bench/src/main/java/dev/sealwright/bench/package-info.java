/**
 * JMH benchmarks of sealing and opening one value: Sealwright's envelope with the post-quantum
 * hybrid and the X25519 recipient, against the Sealed Secrets construction as the baseline. Run
 * them as described in {@code docs/benchmarks.md}.
 */
package dev.sealwright.bench;
