package dev.sealwright.testenv;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A client for the test environment's non-admin user {@value #USER_NAME}, who holds only the
 * built-in {@code view} cluster role: it may read most objects but not Secrets, and may change
 * nothing. Tests grant more with RoleBindings to this user name. Do not close {@link #client()}: it
 * is shared.
 */
public final class RestrictedClient {
  /** The user name in the restricted client certificate (its only group is sealwright:testers). */
  public static final String USER_NAME = "sealwright-restricted";

  private final KubernetesClient client;

  RestrictedClient(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }
}
