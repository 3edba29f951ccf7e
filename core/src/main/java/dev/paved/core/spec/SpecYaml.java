package dev.paved.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;

/**
 * Writes a {@code paved.yaml} from data the way a person would: no document marker, quotes only
 * where needed — and always around text that would read back as a number ({@code "8080"}, {@code
 * "1.10"}), so a value keeps its type through a write and a read.
 */
public final class SpecYaml {

  static final YAMLMapper MAPPER =
      new YAMLMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .build());

  private SpecYaml() {}

  /** The document as YAML text. */
  public static String write(Map<String, Object> document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain maps, lists and scalars always write as YAML", e);
    }
  }
}
