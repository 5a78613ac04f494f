package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.testing.EnvelopeVectors;
import dev.sealwright.testing.Fuzzing;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the envelope (docs/format.md): {@link Sealer#keyIds}, {@link Sealer#inspect} and
 * {@link Sealer#open} with the vectors' keys, expecting the binding the envelope's clear fields ask
 * for (so that a mutation gets as far as the age file); and the sealed binding line's parser. Only
 * the {@link SealingException} family may escape.
 */
public final class EnvelopeFuzzTest {
  private static final Keyring KEYRING = keyring();
  private static final Binding STRICT =
      Binding.builder().namespace("prod").name("db").item("password").build();

  public static void fuzzerTestOneInput(byte[] input) {
    String text = new String(input, UTF_8);
    try {
      Sealer.keyIds(text);
    } catch (SealingException expected) {
      // the documented failures
    }
    Binding binding = STRICT;
    try {
      EnvelopeInfo info = Sealer.inspect(text);
      binding =
          STRICT.toBuilder()
              .scope(info.scope())
              .serviceAccount(
                  info.scope() == Scope.CLUSTER ? null : info.serviceAccount().orElse(null))
              .build();
    } catch (SealingException expected) {
      // the documented failures; open is tried all the same
    }
    try {
      Sealer.open(text, binding, KEYRING).destroy();
    } catch (SealingException expected) {
      // the documented failures
    }
    try {
      BindingCodec.parse(text);
    } catch (MalformedException expected) {
      // the documented failure
    }
  }

  private static Keyring keyring() {
    Set<Identity> identities = new LinkedHashSet<>();
    try {
      for (EnvelopeVectors.Vector v : EnvelopeVectors.all()) {
        identities.add(AgeKeys.parseIdentity(v.get("identity")));
      }
    } catch (MalformedException e) {
      throw new IllegalStateException(e);
    }
    return Keyring.of(identities);
  }

  static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (EnvelopeVectors.Vector v : EnvelopeVectors.all()) {
      seeds.add(v.get("envelope").getBytes(UTF_8));
      seeds.add(v.get("binding").getBytes(UTF_8));
    }
    return seeds;
  }

  @Test
  void seeds_replayed_noFinding() {
    Fuzzing.replay(EnvelopeFuzzTest.class, seeds());
  }

  @Test
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(EnvelopeFuzzTest.class, seeds());
  }
}
