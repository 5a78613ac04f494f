package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.hpke.MlKem768X25519;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A retired cluster key is destroyed in memory: afterwards it opens nothing it opened before. */
class IdentityDestroyTest {

  @Test
  void destroy_eachKeyType_fileItOpenedBeforeNoLongerOpens() throws Exception {
    for (NativeIdentity id :
        new NativeIdentity[] {AgeKeys.generateX25519(), AgeKeys.generateHybrid()}) {
      byte[] file =
          Age.encrypt("old value".getBytes(StandardCharsets.UTF_8), List.of(id.publicRecipient()));
      assertThat(Age.decrypt(file, List.of(id)).toByteArray())
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("old value");

      id.destroy();

      assertThat(id.isDestroyed()).isTrue();
      assertThatThrownBy(() -> Age.decrypt(file, List.of(id)))
          .isInstanceOf(NoMatchingIdentityException.class);
      assertThatThrownBy(id::encoded)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this identity was destroyed");
      assertThat(id.publicRecipient().encoded()).as("the public half stays").startsWith("age1");
    }
  }

  @Test
  void destroy_hybridPrivateKey_zerosTheSeed() {
    MlKem768X25519.PrivateKey key = MlKem768X25519.PrivateKey.generate();

    key.destroy();

    assertThat(key.seed()).containsOnly(0);
  }
}
