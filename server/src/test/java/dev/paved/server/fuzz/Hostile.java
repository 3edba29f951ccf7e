package dev.paved.server.fuzz;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Values no honest client sends: traversal, encodings, control characters, unicode, injection
 * shapes, numbers out of range, very long text. None contains a class name or a stack frame, so a
 * response that does was not just echoing its input.
 */
public final class Hostile {

  /** Fixed hostile strings; every one is tried sooner or later at every position. */
  public static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "..",
          "../",
          "../../../../etc/passwd",
          "..\\..\\windows\\win.ini",
          "%2e%2e",
          "%2e%2e%2f%2e%2e%2f",
          "..%2f..%2f",
          "%252e%252e",
          "%00",
          "%",
          "%zz",
          "/",
          "//",
          "\\",
          ";",
          "?",
          "#",
          "*",
          "~",
          ".",
          "a/b",
          "search/../vision",
          "\u0000",
          "\u0001\u0002\u001f\u007f",
          "\t\r\n",
          "line\nbreak",
          "\r\nX-Injected: yes",
          "ünïcödé",
          "名前",
          "💥🔥",
          "\u202egnp.exe",
          "zero\u200bwidth",
          "\uFEFFbom",
          "\uD800",
          "Ａ",
          "null",
          "true",
          "-1",
          "0",
          "99999999999999999999999999999",
          "1e309",
          "NaN",
          "-0",
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(1)>",
          "' OR '1'='1",
          "1; DROP TABLE users; --",
          "${jndi:ldap://127.0.0.1/x}",
          "{{7*7}}",
          "$(id)",
          "`id`",
          "SEARCH",
          "search ",
          "-search",
          "search-",
          "a".repeat(64),
          "x".repeat(300));

  private Hostile() {}

  /** A hostile string: a fixed one, a very long one, or random characters of any plane. */
  public static String any(RandomGenerator random) {
    return switch (random.nextInt(10)) {
      case 0 -> longText(random);
      case 1, 2 -> randomText(random, 1 + random.nextInt(40));
      default -> STRINGS.get(random.nextInt(STRINGS.size()));
    };
  }

  /** Text of 1,000 to 200,000 characters (the body limit is 1,000,000 bytes). */
  public static String longText(RandomGenerator random) {
    int length = random.nextBoolean() ? 1_000 + random.nextInt(9_000) : 200_000;
    return String.valueOf((char) ('a' + random.nextInt(26))).repeat(length);
  }

  /** Random code points from the control, Latin, symbol and astral ranges (no surrogates). */
  public static String randomText(RandomGenerator random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int cp =
          switch (random.nextInt(5)) {
            case 0 -> random.nextInt(0x20);
            case 1 -> 0x20 + random.nextInt(0x5f);
            case 2 -> 0xa0 + random.nextInt(0x2000);
            case 3 -> 0xe000 + random.nextInt(0x1ffe);
            default -> 0x1f300 + random.nextInt(0x300);
          };
      text.appendCodePoint(cp);
    }
    return text.toString();
  }

  /** A value that is almost right: the valid one changed by one small edit. */
  public static String nearly(String valid, RandomGenerator random) {
    if (valid.isEmpty()) {
      return any(random);
    }
    int at = random.nextInt(valid.length());
    return switch (random.nextInt(5)) {
      case 0 -> valid.substring(0, at);
      case 1 -> valid + valid;
      case 2 -> valid.substring(0, at) + any(random) + valid.substring(at);
      case 3 -> valid.toUpperCase(java.util.Locale.ROOT);
      default -> valid + "/" + any(random);
    };
  }
}
