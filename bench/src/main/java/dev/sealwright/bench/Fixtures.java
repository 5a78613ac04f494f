package dev.sealwright.bench;

import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.Scope;
import dev.sealwright.secret.SecretBytes;
import java.security.SecureRandom;

/** The one value and place every benchmark seals, so the figures compare like with like. */
final class Fixtures {
  /** A typical secret: a password, a token or a small key. */
  static final int VALUE_SIZE = 64;

  static final String NAMESPACE = "prod";
  static final String NAME = "db";

  private Fixtures() {}

  static SecretBytes value() {
    byte[] bytes = new byte[VALUE_SIZE];
    new SecureRandom().nextBytes(bytes);
    return SecretBytes.adopt(bytes);
  }

  static Binding binding() {
    return Binding.builder()
        .scope(Scope.STRICT)
        .namespace(NAMESPACE)
        .name(NAME)
        .item("password")
        .build();
  }
}
