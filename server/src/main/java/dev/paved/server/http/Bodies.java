package dev.paved.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import io.javalin.http.Context;
import java.util.Optional;

/** Request bodies read strictly: malformed JSON and unknown fields are 422 with their position. */
public final class Bodies {

  private Bodies() {}

  public static <T> T read(Context ctx, Class<T> type) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw new InvalidInputException("the request has no body", "send a JSON object");
    }
    try {
      return JsonMapping.MAPPER.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException(
          "unknown field \"" + e.getPropertyName() + "\"",
          where(e.getLocation()),
          "the known fields are " + e.getKnownPropertyIds(),
          e);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "the body is not valid: " + e.getOriginalMessage(),
          where(e.getLocation()),
          "send a JSON object",
          e);
    }
  }

  private static Optional<SourceLocation> where(JsonLocation at) {
    return at == null
        ? Optional.empty()
        : Optional.of(
            new SourceLocation(
                "request body", Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr())));
  }
}
