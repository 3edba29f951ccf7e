package dev.paved.core.explain;

import dev.paved.core.error.UsageException;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.text.Suggestions;
import java.util.List;
import java.util.Map;

/**
 * The provenance of every field of one render.
 *
 * @param app the render
 * @param fields per object ({@code Kind/name}), its fields in output order
 */
public record Explanation(RenderedApp app, Map<String, List<FieldSource>> fields) {

  /**
   * The fields a selector names: {@code Kind/name} for all of an object's fields, or {@code
   * Kind/name:path} for one field or every field under it.
   */
  public List<FieldSource> select(String selector) {
    int colon = selector.indexOf(':');
    String object = colon < 0 ? selector : selector.substring(0, colon);
    String path = colon < 0 ? "" : selector.substring(colon + 1);
    List<FieldSource> sources = fields.get(object);
    if (sources == null) {
      throw new UsageException(
          "no object " + object + " in the render", Suggestions.hint(object, fields.keySet()));
    }
    List<FieldSource> matching =
        sources.stream()
            .filter(
                f ->
                    path.isEmpty()
                        || f.field().equals(path)
                        || f.field().startsWith(path + ".")
                        || f.field().startsWith(path + "["))
            .toList();
    if (matching.isEmpty()) {
      throw new UsageException(
          "no field " + path + " in " + object,
          Suggestions.hint(path, sources.stream().map(FieldSource::field).toList()));
    }
    return matching;
  }
}
