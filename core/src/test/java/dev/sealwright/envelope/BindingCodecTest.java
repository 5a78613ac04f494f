package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import org.junit.jupiter.api.Test;

/** The binding line inside the sealed payload is read back only in its exact canonical form. */
class BindingCodecTest {
  private static final String CANONICAL =
      "sealwright.dev/v1 scope=strict namespace=prod name=db item=password";

  @Test
  void parse_canonicalLine_givesTheBinding() throws Exception {
    Binding b = BindingCodec.parse(CANONICAL);
    assertThat(b)
        .isEqualTo(Binding.builder().namespace("prod").name("db").item("password").build());
    assertThat(BindingCodec.parse("sealwright.dev/v1 scope=cluster item=k").scope())
        .isEqualTo(Scope.CLUSTER);
  }

  @Test
  void parse_anyOtherSpelling_refused() {
    String[] lines = {
      "",
      "sealwright.dev/v1",
      "sealwright.dev/v1 scope=cluster",
      "sealwright.dev/v2 scope=cluster item=k",
      "sealwright.dev/v1 scope=cluster =k item=k",
      "sealwright.dev/v1 scope=cluster item",
      "sealwright.dev/v1 scope=cluster item=k item=k",
      "sealwright.dev/v1 scope=global item=k",
      "sealwright.dev/v1 item=k scope=cluster",
      "sealwright.dev/v1 scope=strict name=db namespace=prod item=password",
      "sealwright.dev/v1 scope=namespace namespace=prod name=db item=password",
      "sealwright.dev/v1 scope=strict namespace=prod name=db item=password ",
      "sealwright.dev/v1  scope=strict namespace=prod name=db item=password",
      "sealwright.dev/v1 scope=strict namespace=Prod name=db item=password",
    };
    for (String line : lines) {
      assertThatThrownBy(() -> BindingCodec.parse(line))
          .as("'%s'", line)
          .isInstanceOfSatisfying(
              MalformedException.class,
              e -> assertThat(e.part()).isEqualTo(MalformedException.Part.ENVELOPE))
          .hasMessageContaining("not in canonical form");
    }
  }
}
