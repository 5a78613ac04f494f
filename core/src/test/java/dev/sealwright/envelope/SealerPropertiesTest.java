package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: seal then open returns the value, for random values and random bindings of every scope.
 * Each case is generated from its own seed, which names the case, so a failure is reproducible.
 */
class SealerPropertiesTest {
  private static final HybridIdentity ID = AgeKeys.generateHybrid();
  private static final Keyring KEYRING = Keyring.of(List.of(ID));
  private static final String DNS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String ITEM = "abcXYZ019-._";

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void sealThenOpen_anyValueAndBinding_returnsValue(long seed) throws Exception {
    Random r = new Random(seed);
    byte[] value = new byte[r.nextInt(r.nextBoolean() ? 64 : 3000)];
    r.nextBytes(value);
    Binding binding = randomBinding(r);

    String env = Sealer.seal(SecretBytes.copyOf(value), binding, List.of(ID.publicRecipient()));

    assertThat(Sealer.open(env, binding, KEYRING).toByteArray()).isEqualTo(value);
    assertThat(Sealer.inspect(env).valueLength(binding)).isEqualTo(value.length);
    assertThat(Sealer.inspect(env).scope()).isEqualTo(binding.scope());
  }

  private static Binding randomBinding(Random r) {
    Scope scope = Scope.values()[r.nextInt(Scope.values().length)];
    return Binding.builder()
        .scope(scope)
        .namespace(word(r, DNS, 1 + r.nextInt(40)))
        .name(word(r, DNS, 1 + r.nextInt(60)))
        .item(word(r, ITEM, 1 + r.nextInt(50)))
        .serviceAccount(
            scope != Scope.CLUSTER && r.nextBoolean() ? word(r, DNS, 1 + r.nextInt(30)) : null)
        .build();
  }

  private static String word(Random r, String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
