package dev.sealwright.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The binding line inside the sealed payload is read back only in its exact canonical form. */
class BindingCodecTest {
  private static final String CANONICAL =
      "sealwright.dev/v1 scope=strict namespace=prod name=db item=password";

  @Test
  void parse_canonicalLine_givesTheBinding() throws Exception {
    Binding b = BindingCodec.parse(CANONICAL).binding();
    assertThat(b)
        .isEqualTo(Binding.builder().namespace("prod").name("db").item("password").build());
    assertThat(BindingCodec.parse("sealwright.dev/v1 scope=cluster item=k").binding().scope())
        .isEqualTo(Scope.CLUSTER);
  }

  @Test
  void parse_valueKeyLast_keptApartFromTheBinding() throws Exception {
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    BindingCodec.Line line = BindingCodec.parse(CANONICAL + " valuekey=" + key);

    assertThat(line.binding().canonical()).isEqualTo(CANONICAL);
    assertThat(line.valueKey()).isNotNull();
    assertThat(line.valueKey().field()).isEqualTo(key);
    assertThat(BindingCodec.line(line.binding(), line.valueKey()))
        .isEqualTo(CANONICAL + " valuekey=" + key);
    assertThat(BindingCodec.parse(CANONICAL).valueKey()).isNull();
  }

  @Test
  void parse_valueKeyNotCanonical_refused() {
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    String[] lines = {
      CANONICAL + " valuekey=",
      CANONICAL + " valuekey=" + key.substring(1),
      CANONICAL + " valuekey=" + key + "=",
      CANONICAL + " valuekey=" + key + "A",
      CANONICAL + " valuekey=" + key.substring(0, 42) + "B", // an unused bit set
      CANONICAL + " valuekey=" + key.replace('A', '+'),
      CANONICAL + " valuekey=" + key + " valuekey=" + key,
      "sealwright.dev/v1 scope=strict namespace=prod name=db valuekey=" + key + " item=password",
      "sealwright.dev/v1 valuekey=" + key + " scope=cluster item=k",
      CANONICAL + " valuekey=" + key + " ",
      CANONICAL + " valuetag=" + key,
    };
    for (String line : lines) {
      assertThatThrownBy(() -> BindingCodec.parse(line))
          .as("'%s'", line)
          .isInstanceOf(MalformedException.class)
          .hasMessage("the sealed binding line is not in canonical form");
    }
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
