package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import org.junit.jupiter.api.Test;

/** The plaintext length from the payload size alone, which the limits are checked against. */
class PayloadTest {
  private static final int NONCE = Payload.NONCE_SIZE;
  private static final int TAG = 16;
  private static final int CHUNK = Payload.CHUNK_SIZE;

  @Test
  void plaintextLength_chunkLayout_givesTheExactLength() throws Exception {
    assertThat(Payload.plaintextLength(NONCE + TAG)).isZero();
    assertThat(Payload.plaintextLength(NONCE + 1 + TAG)).isEqualTo(1);
    assertThat(Payload.plaintextLength(NONCE + CHUNK + TAG)).isEqualTo(CHUNK);
    assertThat(Payload.plaintextLength(NONCE + CHUNK + TAG + 1 + TAG)).isEqualTo(CHUNK + 1);
    assertThat(Payload.plaintextLength(NONCE + 2L * (CHUNK + TAG))).isEqualTo(2L * CHUNK);
  }

  @Test
  void plaintextLength_agreesWithWhatEncryptionWrites() throws Exception {
    for (int n : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK}) {
      byte[] payload = Payload.insecureEncryptWithNonce(new byte[16], new byte[NONCE], new byte[n]);
      assertThat(Payload.plaintextLength(payload.length)).as("%d bytes", n).isEqualTo(n);
    }
  }

  @Test
  void plaintextLength_shorterThanNonceAndOneTag_refused() {
    for (long size : new long[] {0, NONCE, NONCE + TAG - 1}) {
      assertThatThrownBy(() -> Payload.plaintextLength(size))
          .as("%d bytes", size)
          .isInstanceOf(MalformedException.class)
          .hasMessageContaining("truncated");
    }
  }
}
