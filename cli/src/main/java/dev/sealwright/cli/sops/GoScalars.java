package dev.sealwright.cli.sops;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How SOPS (Go, gopkg.in/yaml.v3 and encoding/json) types a plain scalar and turns it back into the
 * bytes its MAC covers ({@code sops.ToBytes}). Only unencrypted values need this: an encrypted
 * value is authenticated by its plaintext bytes.
 */
final class GoScalars {
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
  private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
  private static final Set<String> INFINITIES =
      Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
  private static final Set<String> NEGATIVE_INFINITIES = Set.of("-.inf", "-.Inf", "-.INF");
  private static final Set<String> NANS = Set.of(".nan", ".NaN", ".NAN");
  // yaml.v3's yamlStyleFloat.
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private GoScalars() {}

  /** A plain (unquoted) YAML or JSON scalar as yaml.v3 decodes it into {@code interface{}}. */
  static SourceNode resolvePlain(String text) {
    if (NULLS.contains(text)) {
      return new SourceNode.Null();
    }
    if (TRUES.contains(text) || FALSES.contains(text)) {
      return new SourceNode.Scalar(text, "bool");
    }
    if (INFINITIES.contains(text) || NEGATIVE_INFINITIES.contains(text) || NANS.contains(text)) {
      return new SourceNode.Scalar(text, "float");
    }
    char first = text.charAt(0);
    if (first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9')) {
      String plain = text.replace("_", "");
      if (parseGoInt(plain) != null) {
        return new SourceNode.Scalar(text, "int");
      }
      if (FLOAT.matcher(plain).matches()) {
        return new SourceNode.Scalar(text, "float");
      }
    }
    return new SourceNode.Scalar(text, "str");
  }

  /** The bytes {@code sops.ToBytes} produces for an unencrypted scalar. */
  static String macText(SourceNode.Scalar s) {
    return switch (s.type()) {
      case "bool" -> TRUES.contains(s.text()) ? "True" : "False";
      case "int" -> parseGoInt(s.text().replace("_", "")).toString();
      case "float" -> goFloat(s.text().replace("_", ""));
      default -> s.text();
    };
  }

  /** strconv.ParseInt(s, 0, 64): decimal, 0x, 0o, 0b, or a leading 0 for octal. */
  private static Long parseGoInt(String s) {
    String digits = s;
    boolean negative = false;
    if (digits.startsWith("+") || digits.startsWith("-")) {
      negative = digits.startsWith("-");
      digits = digits.substring(1);
    }
    int radix = 10;
    if (digits.length() > 2 && digits.charAt(0) == '0') {
      switch (Character.toLowerCase(digits.charAt(1))) {
        case 'x' -> {
          radix = 16;
          digits = digits.substring(2);
        }
        case 'o' -> {
          radix = 8;
          digits = digits.substring(2);
        }
        case 'b' -> {
          radix = 2;
          digits = digits.substring(2);
        }
        default -> {
          radix = 8;
          digits = digits.substring(1);
        }
      }
    } else if (digits.length() == 2 && digits.charAt(0) == '0') {
      radix = 8;
      digits = digits.substring(1);
    }
    if (digits.isEmpty() || digits.startsWith("+") || digits.startsWith("-")) {
      return null;
    }
    try {
      return Long.parseLong((negative ? "-" : "") + digits, radix);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** strconv.FormatFloat(strconv.ParseFloat(s, 64), 'f', -1, 64). */
  private static String goFloat(String s) {
    if (INFINITIES.contains(s)) {
      return "+Inf";
    }
    if (NEGATIVE_INFINITIES.contains(s)) {
      return "-Inf";
    }
    if (NANS.contains(s)) {
      return "NaN";
    }
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    // Double.toString is the shortest representation that round-trips, like Go's -1 precision.
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }
}
