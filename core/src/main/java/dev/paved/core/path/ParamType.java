package dev.paved.core.path;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import java.util.List;
import java.util.Map;

/** The types a golden-path parameter may have, with their CEL type and zero value. */
public enum ParamType {
  STRING("string", SimpleType.STRING, ""),
  INTEGER("integer", SimpleType.INT, 0L),
  NUMBER("number", SimpleType.DOUBLE, 0.0),
  BOOLEAN("boolean", SimpleType.BOOL, false),
  /** A Kubernetes quantity such as {@code 500m}, {@code 2}, {@code 48Gi}. */
  QUANTITY("quantity", SimpleType.STRING, ""),
  /** A portable GPU class name, checked against the target's classes. */
  GPU_CLASS("gpuClass", SimpleType.STRING, ""),
  /** A list of strings (command, args). */
  LIST("list", ListType.create(SimpleType.STRING), List.of()),
  /** A nested group of parameters with their own schema. */
  OBJECT("object", SimpleType.DYN, Map.of());

  private final String word;
  private final CelType celType;
  private final Object zero;

  ParamType(String word, CelType celType, Object zero) {
    this.word = word;
    this.celType = celType;
    this.zero = zero;
  }

  /** The word used in golden-path files and the JSON Schema. */
  public String word() {
    return word;
  }

  public CelType celType() {
    return celType;
  }

  /** The value of an optional parameter that has no default. */
  public Object zero() {
    return zero;
  }

  /** The JSON Schema type keyword for this parameter type. */
  public String jsonType() {
    return switch (this) {
      case INTEGER -> "integer";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case LIST -> "array";
      case OBJECT -> "object";
      case STRING, QUANTITY, GPU_CLASS -> "string";
    };
  }

  public static List<String> words() {
    return java.util.Arrays.stream(values()).map(ParamType::word).toList();
  }
}
