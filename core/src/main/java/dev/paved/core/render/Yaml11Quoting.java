package dev.paved.core.render;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Quotes every string that a YAML 1.1 reader would not read back as a string. Kubernetes reads
 * manifests with a YAML 1.1 library, where {@code 1e3}, {@code 0x1f}, {@code 0777}, {@code on},
 * {@code .inf}, {@code 1_000}, {@code 12:30} and dates are numbers, booleans or timestamps.
 */
final class Yaml11Quoting extends StringQuotingChecker.Default {

  private static final long serialVersionUID = 1L;

  private static final Pattern NOT_A_STRING =
      Pattern.compile(
          String.join(
              "|",
              "(?i:y|yes|n|no|true|false|on|off|null)",
              "~|=|<<",
              "[-+]?0b[01_]+",
              "[-+]?0x[0-9a-fA-F_]+",
              "[-+]?[0-9][0-9_]*",
              "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
              "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?",
              "[-+]?[0-9][0-9_]*([.][0-9_]*)?[eE][-+]?[0-9]+",
              "[-+]?\\.(?i:inf)|\\.(?i:nan)",
              "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"));

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value)
        || mayResolve(value) && NOT_A_STRING.matcher(value).matches();
  }

  /** A cheap first-character test: only these can start a non-string YAML 1.1 scalar. */
  private static boolean mayResolve(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    return Character.isDigit(first) || "+-.~=<yYnNtTfFoO".indexOf(first) >= 0;
  }
}
