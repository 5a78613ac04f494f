package dev.sealwright.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Test keys (generated once with {@code sealwright keygen}, published, never for real secrets) and
 * manifests. Fixed keys make key ids, and so golden transcripts, deterministic.
 */
public final class Fixtures {
  public static final String CLUSTER_KEY_ID = "ee95f62ebb69f30b";
  public static final String BREAKGLASS_KEY_ID = "0bfa621176627ff6";
  public static final String OTHER_KEY_ID = "53db2c8e8a229d1c";

  /** A Secret as 'kubectl get -o yaml' shows it, with the fields that must never be sealed. */
  public static final String SECRET_YAML =
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: db
        namespace: prod
        uid: 0b4c1d2e-1111-2222-3333-444455556666
        resourceVersion: "12345"
        creationTimestamp: "2026-01-01T00:00:00Z"
        labels:
          app: db
        annotations:
          owner: payments
          kubectl.kubernetes.io/last-applied-configuration: |
            {"apiVersion":"v1","kind":"Secret","stringData":{"password":"hunter2"}}
        managedFields:
          - manager: kubectl
      type: Opaque
      data:
        username: YXBw
      stringData:
        password: hunter2
        port: "5432"
      """;

  private Fixtures() {}

  /** Copies the test identity files and recipient files into {@code dir}. */
  public static void keys(Path dir) {
    for (String name : new String[] {"cluster", "breakglass", "other", "classic"}) {
      Path identity = dir.resolve(name + ".txt");
      copy("keys/" + name + ".txt", identity);
      // As keygen writes them: identity files readable by group or others draw a warning.
      try {
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      copy("keys/" + name + ".recipient", dir.resolve(name + ".recipient"));
    }
  }

  public static String recipient(String name) {
    return resource("keys/" + name + ".recipient").strip();
  }

  public static String resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(String resource, Path target) {
    try {
      Files.writeString(target, resource(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
