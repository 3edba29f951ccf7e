package dev.paved.server.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.json.JsonMapper;
import java.lang.reflect.Type;

/**
 * JSON for the API: times as RFC 3339 strings, {@code Optional}s as value or absent, and unknown
 * fields in request bodies refused (a typo must not be silently ignored).
 */
public final class JsonMapping implements JsonMapper {

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .setSerializationInclusion(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT);

  @Override
  public String toJsonString(Object object, Type type) {
    try {
      return MAPPER.writeValueAsString(object);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("responses are plain data: " + e.getMessage(), e);
    }
  }
}
