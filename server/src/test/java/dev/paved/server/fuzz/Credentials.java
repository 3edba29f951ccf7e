package dev.paved.server.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Whose request it is: mostly one of the test people, sometimes nobody, a well-formed token the
 * server never issued, or an Authorization header of the wrong shape.
 */
public final class Credentials {

  /** An Authorization header value (none when empty) and a name for the failure message. */
  public record Choice(String who, Optional<String> header) {}

  private static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final Map<String, String> tokens;
  private final List<String> people;

  public Credentials(Map<String, String> tokens) {
    this.tokens = Map.copyOf(tokens);
    this.people = List.copyOf(new java.util.TreeSet<>(tokens.keySet()));
  }

  public Choice pick(RandomGenerator random) {
    int roll = random.nextInt(100);
    if (roll < 78) {
      String user = people.get(random.nextInt(people.size()));
      return new Choice(user, Optional.of("Bearer " + tokens.get(user)));
    }
    if (roll < 84) {
      return new Choice("no token", Optional.empty());
    }
    if (roll < 90) {
      return new Choice("an unknown token", Optional.of("Bearer " + unknownToken(random)));
    }
    String user = people.get(random.nextInt(people.size()));
    String header =
        switch (random.nextInt(7)) {
          case 0 -> "Basic dXNlcjpwYXNzd29yZA==";
          case 1 -> "Bearer";
          case 2 -> "bearer " + tokens.get(user);
          case 3 -> "Bearer  " + tokens.get(user) + "  ";
          case 4 -> "Bearer " + tokens.get(user) + "x";
          case 5 -> "Bearer " + "A".repeat(4_000);
          default -> "Token " + printable(Hostile.any(random));
        };
    return new Choice("the header '" + Verdicts.prefix(header, 40) + "'", Optional.of(header));
  }

  private static String unknownToken(RandomGenerator random) {
    return "pvd_" + alphanumeric(random, 12) + "_" + alphanumeric(random, 32);
  }

  private static String alphanumeric(RandomGenerator random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return text.toString();
  }

  /** Only what an HTTP header may carry. */
  private static String printable(String value) {
    String kept =
        value
            .chars()
            .filter(c -> c >= 0x20 && c < 0x7f)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return kept.isBlank() ? "garbage" : kept.strip();
  }
}
