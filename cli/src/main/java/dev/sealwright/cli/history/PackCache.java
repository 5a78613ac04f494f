package dev.sealwright.cli.history;

import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * JGit's caches of pack data, sized for walking a whole history once: every version of every sealed
 * file is read, mostly as deltas against earlier versions, and JGit's defaults (10 MiB of pack
 * windows, 10 MiB of delta bases) make it inflate the same bases again and again.
 */
final class PackCache {
  private static final int MIB = 1 << 20;
  private static boolean installed;

  private PackCache() {}

  static synchronized void install() {
    if (!installed) {
      WindowCacheConfig config = new WindowCacheConfig();
      config.setPackedGitLimit(128L * MIB);
      config.setDeltaBaseCacheLimit(64 * MIB);
      config.install();
      installed = true;
    }
  }
}
