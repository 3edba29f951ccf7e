package dev.paved.core.path;

import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.error.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * A compiled resource template: the YAML tree of a golden-path resource with its {@code ${...}}
 * expressions checked. Evaluated by {@link TemplateEvaluator}.
 */
public sealed interface Template {

  SourceLocation location();

  /** A literal value (string, number, boolean) copied as written. */
  record Literal(Object value, SourceLocation location) implements Template {}

  /** A value that is exactly one expression; the result keeps its type (map, list, int...). */
  record Expression(CompiledExpression expression, SourceLocation location) implements Template {}

  /** A string with expressions inside it; each result is turned into text. */
  record Interpolation(List<Part> parts, SourceLocation location) implements Template {
    public Interpolation {
      parts = List.copyOf(parts);
    }
  }

  /** A piece of an {@link Interpolation}: fixed text or an expression. */
  sealed interface Part {
    record Text(String text) implements Part {}

    record Value(CompiledExpression expression) implements Part {}
  }

  /** A map; entries keep their written order. */
  record MapTemplate(List<Entry> entries, SourceLocation location) implements Template {
    public MapTemplate {
      entries = List.copyOf(entries);
    }
  }

  /** A map entry. */
  record Entry(String key, Template value) {}

  /** A list; an item written as a map with {@code $includeWhen} is kept only when it is true. */
  record ListTemplate(List<Item> items, SourceLocation location) implements Template {
    public ListTemplate {
      items = List.copyOf(items);
    }
  }

  /** A list item and its optional condition. */
  record Item(Template value, Optional<CompiledExpression> includeWhen) {}
}
