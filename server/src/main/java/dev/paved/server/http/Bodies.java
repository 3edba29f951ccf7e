package dev.paved.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.server.json.JsonMapping;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Request bodies read strictly: malformed JSON, unknown fields and values of the wrong type are 422
 * with their position, in words (never a Java type name).
 */
public final class Bodies {

  private Bodies() {}

  /** The body as {@code type}; never null (a body of {@code null} is refused like any other). */
  public static <T> T read(Context ctx, Class<T> type) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw new InvalidInputException("the request has no body", "send a JSON object");
    }
    T value;
    try {
      value = JsonMapping.MAPPER.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException(
          "unknown field \"" + e.getPropertyName() + "\"",
          where(e.getLocation()),
          "the known fields are " + e.getKnownPropertyIds(),
          e);
    } catch (MismatchedInputException e) {
      throw new InvalidInputException(
          "the body is not valid: " + field(e.getPath()) + " must be " + kind(e.getTargetType()),
          where(e.getLocation()),
          "send a JSON object",
          e);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "the body is not valid: " + e.getOriginalMessage().replaceAll(",? from `[^`]*`", ""),
          where(e.getLocation()),
          "send a JSON object",
          e);
    }
    if (value == null) {
      throw new InvalidInputException("the body is null", "send a JSON object");
    }
    return value;
  }

  /** Where in the body a value is: {@code intents[0].envs}, or "the body" for its root. */
  private static String field(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference step : path) {
      if (step.getFieldName() != null) {
        field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        field.append('[').append(step.getIndex()).append(']');
      }
    }
    return field.isEmpty() ? "the body" : field.toString();
  }

  /** What a value of a Java type is called in JSON. */
  private static String kind(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    return "an object";
  }

  private static Optional<SourceLocation> where(JsonLocation at) {
    return at == null
        ? Optional.empty()
        : Optional.of(
            new SourceLocation(
                "request body", Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr())));
  }
}
