package dev.paved.core.spec;

import dev.paved.core.error.SourceLocation;
import java.util.Optional;

/**
 * A reference to a golden path, {@code name} or {@code name@version}.
 *
 * @param name the path name
 * @param pin a version pin ({@code 1}, {@code 1.2} or {@code 1.2.3}); empty means the newest
 * @param location where the reference is written
 */
public record PathRef(String name, Optional<String> pin, SourceLocation location) {

  @Override
  public String toString() {
    return pin.map(p -> name + "@" + p).orElse(name);
  }
}
