package dev.paved.core.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.paved.core.rendered.RenderedObject;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rendered objects as multi-document YAML or as a JSON {@code v1 List}. Byte-identical
 * output for the same objects. Thread-safe.
 */
public final class ManifestWriter {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .stringQuotingChecker(new Yaml11Quoting())
              .build());
  private static final ObjectWriter JSON =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private ManifestWriter() {}

  /** Objects as YAML documents separated by {@code ---}. */
  public static String yaml(List<RenderedObject> objects) {
    StringBuilder out = new StringBuilder();
    for (RenderedObject object : objects) {
      out.append("---\n").append(write(YAML.writer(), object.body()));
    }
    return out.toString();
  }

  /** Objects as a Kubernetes {@code v1 List}, pretty-printed, ending with a newline. */
  public static String json(List<RenderedObject> objects) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", objects.stream().map(RenderedObject::body).toList());
    return write(JSON, list) + "\n";
  }

  /** One value as pretty JSON (for other {@code -o json} outputs). */
  public static String json(Object value) {
    return write(JSON, value) + "\n";
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
