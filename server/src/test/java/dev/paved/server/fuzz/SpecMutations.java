package dev.paved.server.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Spoils a {@code paved.yaml}: lines dropped, swapped or repeated, values of the wrong shape or
 * very long (as a scalar or in a list), tabs, anchors and aliases (a billion laughs), deep flow
 * nesting, tags for Java types, unknown keys.
 */
public final class SpecMutations {

  private SpecMutations() {}

  public static String mutate(String yaml, RandomGenerator random) {
    List<String> lines = new ArrayList<>(yaml.lines().toList());
    if (lines.isEmpty()) {
      return whole(random);
    }
    int at = random.nextInt(lines.size());
    String line = lines.get(at);
    switch (random.nextInt(14)) {
      case 0 -> lines.remove(at);
      case 1 -> lines.add(at, line);
      case 2 -> lines.set(at, "\t" + line);
      case 3 -> lines.set(at, withValue(line, value(random)));
      case 4 -> lines.set(at, line.replaceFirst(":.*", ":"));
      case 5 -> lines.set(at, "  ".repeat(1 + random.nextInt(4)) + line);
      case 6 -> lines.add(at, Hostile.any(random) + ": " + value(random));
      case 7 -> lines.set(at, line.replace(':', ' '));
      case 8 -> java.util.Collections.swap(lines, at, random.nextInt(lines.size()));
      case 9 -> lines.set(at, line + " " + Hostile.any(random));
      case 10 -> lines.add(at, "--- ");
      case 11 -> lines.set(at, withValue(line, Hostile.longText(random)));
      case 12 -> lines.set(at, withValue(line, "[" + Hostile.longText(random) + "]"));
      default -> {
        return whole(random);
      }
    }
    return String.join("\n", lines) + (random.nextBoolean() ? "\n" : "");
  }

  /** The line with everything after its first colon replaced by {@code value}. */
  private static String withValue(String line, String value) {
    int colon = line.indexOf(':');
    return colon < 0 ? line + ": " + value : line.substring(0, colon) + ": " + value;
  }

  /** A YAML value of a surprising shape. */
  private static String value(RandomGenerator random) {
    return switch (random.nextInt(10)) {
      case 0 -> "[1, 2, 3]";
      case 1 -> "{a: b}";
      case 2 -> "~";
      case 3 -> "99999999999999999999999999999";
      case 4 -> "-.inf";
      case 5 -> "!!binary aGVsbG8=";
      case 6 -> "*undefined";
      case 7 -> "&anchor value";
      case 8 -> "\"" + Hostile.any(random).replace("\"", "") + "\"";
      default -> "'" + Hostile.any(random).replace("'", "") + "'";
    };
  }

  /** A whole document that is hostile on its own. */
  private static String whole(RandomGenerator random) {
    return switch (random.nextInt(7)) {
      case 0 -> laughs();
      case 1 -> "app: x\nwith:\n  v: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
      case 2 -> "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n";
      case 3 -> "app: !!java.io.File /etc/passwd\n";
      case 4 -> "a: &a [*a]\n";
      case 5 -> "- - - - - -\n";
      default -> Hostile.any(random);
    };
  }

  private static String laughs() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      yaml.append(
          "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n"
              .formatted(i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1));
    }
    return yaml.toString();
  }
}
