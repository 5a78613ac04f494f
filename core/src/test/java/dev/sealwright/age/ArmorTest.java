package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.errors.MalformedException;
import org.junit.jupiter.api.Test;

/** The armor's whitespace limits and line layout, beside the CCTV armor vectors. */
class ArmorTest {
  private static final byte[] FILE = new byte[100];
  private static final String ARMORED = Armor.encode(FILE);

  @Test
  void decode_leadingWhitespaceUpToTheLimit_acceptedAndOneMoreRefused() throws Exception {
    // 1024 bytes: 1023 spaces and the line feed that ends them.
    assertThat(Armor.decode(bytes(" ".repeat(1023) + "\n" + ARMORED))).isEqualTo(FILE);
    assertThat(Armor.decode(bytes("\n".repeat(1024) + ARMORED))).isEqualTo(FILE);

    assertRefused(" ".repeat(1024) + "\n" + ARMORED, "too much leading whitespace");
    assertRefused("\n".repeat(1025) + ARMORED, "too much leading whitespace");
  }

  @Test
  void decode_trailingWhitespaceUnderTheLimit_acceptedAndAtTheLimitRefused() throws Exception {
    assertThat(Armor.decode(bytes(ARMORED + " ".repeat(1023)))).isEqualTo(FILE);

    assertRefused(ARMORED + " ".repeat(1024), "too much trailing whitespace");
  }

  @Test
  void decode_onlyWhitespace_refused() {
    assertRefused("   ", "too much leading whitespace");
    assertRefused("", "ends before the BEGIN line");
  }

  @Test
  void decode_beginLineWithoutLineFeed_refused() {
    assertRefused(Armor.HEADER, "the first line is not");
  }

  @Test
  void decode_lineLongerThan64Columns_refused() {
    String body = ARMORED.substring(Armor.HEADER.length() + 1);
    String joined = body.replaceFirst("\n", "");
    assertRefused(Armor.HEADER + "\n" + joined, "longer than 64 columns");
  }

  @Test
  void encodeDecode_fileOfWholeLines_roundTrips() throws Exception {
    // 48 bytes are exactly one 64-column line of base64; no empty line may follow it.
    for (int size : new int[] {0, 1, 47, 48, 49, 96}) {
      byte[] file = new byte[size];
      java.util.Arrays.fill(file, (byte) 0x3c);
      String armored = Armor.encode(file);
      assertThat(armored).as("%d bytes", size).doesNotContain("\n\n");
      assertThat(Armor.decode(bytes(armored))).as("%d bytes", size).isEqualTo(file);
    }
  }

  @Test
  void isArmored_headerAfterUpToTheWhitespaceLimit_detected() {
    assertThat(Armor.isArmored(bytes(" ".repeat(1024) + ARMORED))).isTrue();
    assertThat(Armor.isArmored(bytes(" ".repeat(1025) + ARMORED))).isFalse();
    assertThat(Armor.isArmored(bytes(Header.INTRO))).isFalse();
  }

  private static void assertRefused(String input, String why) {
    assertThatThrownBy(() -> Armor.decode(bytes(input)))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.ARMOR))
        .hasMessageContaining(why);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(US_ASCII);
  }
}
