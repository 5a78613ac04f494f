package dev.sealwright.kubeseal;

import dev.sealwright.testing.TestPeers;
import java.nio.file.Path;

/**
 * The real {@code kubeseal} CLI, built from its Go module into the test peers cache by {@code
 * testpeers/fetch} (never committed). v0.27.1 is the last release under the module path that the Go
 * checksum database serves; the sealing code has not changed since.
 */
final class KubesealCli {
  static final String VERSION = "v0.27.1";

  private KubesealCli() {}

  static Path binary() {
    return TestPeers.kubesealCli(VERSION);
  }
}
