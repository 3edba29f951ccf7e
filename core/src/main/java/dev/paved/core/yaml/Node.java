package dev.paved.core.yaml;

import dev.paved.core.error.SourceLocation;

/**
 * A YAML value that remembers where it was written, so every error can name file, line and column.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

  SourceLocation location();

  /** A short word for the kind of value, for messages: "a map", "a list", "a string"... */
  String describe();
}
