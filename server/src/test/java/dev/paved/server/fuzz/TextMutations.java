package dev.paved.server.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * Spoils a body as bytes: cut short, garbage around it, another format, invalid UTF-8, nesting past
 * the parser's limit, or larger than the server takes.
 */
public final class TextMutations {

  /** Larger than {@code PavedServer.MAX_BODY_BYTES}. */
  private static final int OVERSIZED = 1_000_001;

  private TextMutations() {}

  public static byte[] mutate(String json, RandomGenerator random) {
    String text =
        switch (random.nextInt(16)) {
          case 0 -> json.substring(0, random.nextInt(json.length() + 1));
          case 1 -> json + Hostile.any(random);
          case 2 -> "\uFEFF" + json;
          case 3 -> "";
          case 4 -> "null";
          case 5 -> "[]";
          case 6 -> "\"" + json.replace("\"", "'") + "\"";
          case 7 -> "12345678901234567890123456789";
          case 8 -> "<?xml version=\"1.0\"?><change><intents/></change>";
          case 9 -> "intents=x&title=" + Hostile.any(random);
          case 10 -> "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
          case 11 -> "{".repeat(50_000);
          case 12 -> random.nextInt(8) == 0 ? oversized(random) : json.replace("\"", "");
          case 13 -> json.replace(":", ": " + Hostile.any(random) + ",");
          case 14 -> json.replaceFirst("\\{", "{\"title\": \"a\", \"title\": 1, ");
          default -> null;
        };
    return text != null ? text.getBytes(StandardCharsets.UTF_8) : invalidUtf8(json, random);
  }

  private static String oversized(RandomGenerator random) {
    return "{\"spec\": \"" + "y".repeat(OVERSIZED + random.nextInt(1000)) + "\"}";
  }

  private static byte[] invalidUtf8(String json, RandomGenerator random) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    byte[] spoiled = java.util.Arrays.copyOf(bytes, bytes.length + 2);
    int at = random.nextInt(bytes.length + 1);
    System.arraycopy(bytes, at, spoiled, at + 2, bytes.length - at);
    spoiled[at] = (byte) 0xC3;
    spoiled[at + 1] = (byte) (random.nextBoolean() ? 0x28 : 0xFF);
    return spoiled;
  }
}
