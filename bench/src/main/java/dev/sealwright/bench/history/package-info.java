/**
 * The Git history benchmark: a generated repository of 10,000 commits over 5,000 sealed files, and
 * timed runs of {@code sealwright audit exposure} and {@code sealwright log} on it, as described in
 * {@code docs/benchmarks.md} ("Git history: log and audit exposure").
 */
package dev.sealwright.bench.history;
