package dev.paved.core.yaml;

import dev.paved.core.error.SourceLocation;

/**
 * A YAML scalar: its resolved kind (YAML 1.1 core rules as Jackson applies them) and its text. A
 * quoted {@code "1"} is a string; a bare {@code 1} an integer.
 */
public record ScalarNode(Kind kind, String text, SourceLocation location) implements Node {

  /** The resolved type of a scalar. */
  public enum Kind {
    STRING("a string"),
    INTEGER("an integer"),
    FLOAT("a number"),
    BOOLEAN("a boolean"),
    NULL("null");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public ScalarNode {
    text = text == null ? "" : text;
  }

  public boolean isNull() {
    return kind == Kind.NULL;
  }

  /** The value as plain Java: String, Long, Double, Boolean; the text itself for nulls. */
  public Object plainValue() {
    return switch (kind) {
      case STRING, NULL -> text;
      case INTEGER -> Long.parseLong(text);
      case FLOAT -> Double.parseDouble(text);
      case BOOLEAN -> Boolean.parseBoolean(text);
    };
  }

  @Override
  public String describe() {
    return kind.description();
  }
}
