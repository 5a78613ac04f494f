package dev.sealwright.cli.history;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps JGit from starting processes and from writing outside the repository. To find the
 * system-wide Git config JGit runs {@code git --version} and {@code git config --system}; and it
 * records file-system timestamp measurements in its own config file under the user's home. The
 * history commands only read, so they use the repository's and the user's Git config, an empty
 * system config and an in-memory JGit config.
 */
public final class NoGitProcess extends SystemReader.Delegate {
  private static boolean installed;

  private NoGitProcess(SystemReader delegate) {
    super(delegate);
  }

  /** Installs it for this process (JGit reads the instance through a static getter). */
  public static synchronized void install() {
    if (!installed) {
      SystemReader.setInstance(new NoGitProcess(SystemReader.getInstance()));
      installed = true;
    }
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    return new InMemoryConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openJGitConfig(Config parent, FS fs) {
    return new InMemoryConfig(parent, fs);
  }

  /** A config with no file: loads nothing and saves nowhere. */
  private static final class InMemoryConfig extends FileBasedConfig {
    InMemoryConfig(Config parent, FS fs) {
      super(parent, null, fs);
    }

    @Override
    public void load() {}

    @Override
    public void save() {}

    @Override
    public boolean isOutdated() {
      return false;
    }
  }
}
