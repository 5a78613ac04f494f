package dev.sealwright.testenv;

/**
 * A namespace created for one test by {@link KubeTestEnvironment} and deleted after it, so tests
 * never see each other's objects. Deletion is asynchronous: the namespace controller empties it
 * later.
 */
public final class TestNamespace {
  private final String name;

  TestNamespace(String name) {
    this.name = name;
  }

  /** The namespace's name, e.g. {@code t-secretsit-stringdata-k3x9q}. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
