package dev.paved.core.yaml;

import dev.paved.core.error.SourceLocation;
import java.util.List;

/** A YAML sequence. */
public record ListNode(List<Node> items, SourceLocation location) implements Node {

  public ListNode {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
