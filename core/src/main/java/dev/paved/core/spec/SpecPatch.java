package dev.paved.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.paved.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a doctor's {@code specPatch} to a {@code paved.yaml}: maps merge, lists become unions,
 * other values are replaced. A patch for one environment of an app that runs in several goes under
 * {@code environments.<env>}, so the other environments stay as they are. Comments in the spec are
 * not kept (the file is read and written as data).
 */
public final class SpecPatch {

  private static final YAMLMapper YAML = SpecYaml.MAPPER;

  private SpecPatch() {}

  /**
   * The spec with the patch applied.
   *
   * @param only the environment the patch is for, when the app runs in others too
   * @throws InvalidInputException when the spec is not a YAML mapping
   */
  public static String apply(String spec, Map<String, Object> patch, Optional<String> only) {
    Map<String, Object> document = read(spec);
    Map<String, Object> top = new LinkedHashMap<>(patch);
    if (only.isPresent() && top.containsKey("with")) {
      Map<String, Object> scoped = new LinkedHashMap<>();
      scoped.put("with", top.remove("with"));
      merge(document, Map.of("environments", Map.of(only.get(), scoped)));
    }
    merge(document, top);
    return SpecYaml.write(document);
  }

  private static Map<String, Object> read(String spec) {
    try {
      Map<String, Object> document = YAML.readValue(spec, new TypeReference<>() {});
      if (document == null) {
        throw new InvalidInputException("the spec is empty", "write a paved.yaml first");
      }
      return document;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "the spec is not a YAML mapping: " + e.getOriginalMessage(),
          "fix paved.yaml (paved check shows where)");
    }
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, ?> patch) {
    patch.forEach(
        (key, value) -> {
          Object before = into.get(key);
          if (before instanceof Map<?, ?> beforeMap && value instanceof Map<?, ?> valueMap) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) beforeMap);
            merge(copy, (Map<String, ?>) valueMap);
            into.put(key, copy);
          } else if (before instanceof List<?> beforeList && value instanceof List<?> valueList) {
            LinkedHashSet<Object> union = new LinkedHashSet<>(beforeList);
            union.addAll(valueList);
            into.put(key, new ArrayList<>(union));
          } else if (value instanceof Map<?, ?> valueMap) {
            Map<String, Object> fresh = new LinkedHashMap<>();
            merge(fresh, (Map<String, ?>) valueMap);
            into.put(key, fresh);
          } else {
            into.put(key, value);
          }
        });
  }
}
