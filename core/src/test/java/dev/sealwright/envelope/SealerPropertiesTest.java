package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.HybridIdentity;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** seal then open returns the value, for random values and random bindings of every scope. */
class SealerPropertiesTest {
  private static final HybridIdentity ID = AgeKeys.generateHybrid();
  private static final Keyring KEYRING = Keyring.of(List.of(ID));

  @Property(tries = 200)
  void sealThenOpen_anyValueAndBinding_returnsValue(
      @ForAll @Size(max = 3000) byte[] value, @ForAll("bindings") Binding binding)
      throws Exception {
    String env = Sealer.seal(SecretBytes.copyOf(value), binding, List.of(ID.publicRecipient()));
    assertThat(Sealer.open(env, binding, KEYRING).toByteArray()).isEqualTo(value);
    assertThat(Sealer.inspect(env).valueLength(binding)).isEqualTo(value.length);
  }

  @Provide
  Arbitrary<Binding> bindings() {
    Arbitrary<String> dns =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .ofMinLength(1)
            .ofMaxLength(40)
            .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    Arbitrary<String> item =
        Arbitraries.strings().withChars("abcXYZ019-._").ofMinLength(1).ofMaxLength(50);
    return Combinators.combine(Arbitraries.of(Scope.class), dns, dns, item, dns.injectNull(0.5))
        .as(
            (scope, ns, name, key, sa) ->
                Binding.builder()
                    .scope(scope)
                    .namespace(ns)
                    .name(name)
                    .item(key)
                    .serviceAccount(scope == Scope.CLUSTER ? null : sa)
                    .build());
  }
}
