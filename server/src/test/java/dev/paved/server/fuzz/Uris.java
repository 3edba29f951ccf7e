package dev.paved.server.fuzz;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/** Puts a raw value into a URI: as it is when the URI stays legal ("../", "%2e%2e"), or encoded. */
public final class Uris {

  private Uris() {}

  /** The value for a path segment; raw a third of the time when that is a legal URI. */
  public static String segment(String value, RandomGenerator random) {
    if (random.nextInt(3) == 0 && legal("/" + value)) {
      return value;
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The value for a query; raw a third of the time when that is a legal URI. */
  public static String query(String value, RandomGenerator random) {
    if (random.nextInt(3) == 0 && legal("/?" + value)) {
      return value;
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public static boolean legal(String target) {
    try {
      new URI("http://127.0.0.1" + target);
      return target.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
