package dev.paved.core.path;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import java.util.Arrays;

/** A golden path's version, {@code MAJOR.MINOR.PATCH}; ordered numerically. */
public record PathVersion(int major, int minor, int patch) implements Comparable<PathVersion> {

  public static PathVersion parse(String text, SourceLocation where) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 3 || Arrays.stream(parts).anyMatch(p -> !p.matches("0|[1-9][0-9]{0,8}"))) {
      throw new InvalidInputException(
          "version '" + text + "' is not MAJOR.MINOR.PATCH", where, "write a version like 1.0.0");
    }
    return new PathVersion(
        Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }

  /** Whether a pin such as {@code 1}, {@code 1.2} or {@code 1.2.3} selects this version. */
  public boolean matches(String pin) {
    String[] parts = pin.split("\\.", -1);
    int[] mine = {major, minor, patch};
    if (parts.length > 3) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].equals(String.valueOf(mine[i]))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(PathVersion other) {
    return Arrays.compare(
        new int[] {major, minor, patch}, new int[] {other.major, other.minor, other.patch});
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
