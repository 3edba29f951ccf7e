package dev.paved.server.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes one generated request for an endpoint: its path parameters seeded or hostile, its query
 * parameters absent, seeded or hostile (plus unknown ones), a body that is valid or spoiled (as
 * JSON or as bytes), any content type, any credentials, and now and then another method.
 *
 * <p>About one body in ten is sent valid; the rest are mutated, and most mutations make a body
 * invalid. So changes are opened and merged (and the repository grows) at a modest rate, while most
 * requests exercise the refusals.
 */
public final class RequestFuzzer {

  /** The request and how to show it. */
  public record Fuzzed(HttpRequest request, Sent sent) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/xml",
          "multipart/form-data",
          "multipart/form-data; boundary=----x",
          "application/json; charset=utf-16",
          "application/json; charset=nonsense",
          "application/problem+json",
          "*/*",
          "application/yaml",
          "");

  private final URI base;
  private final Credentials credentials;
  private final Seeds seeds;
  private final Schemas schemas;

  public RequestFuzzer(URI base, Credentials credentials, Seeds seeds, Schemas schemas) {
    this.base = base;
    this.credentials = credentials;
    this.seeds = seeds;
    this.schemas = schemas;
  }

  public Fuzzed next(Endpoint endpoint, RandomGenerator random) {
    List<String> inputs = new ArrayList<>();
    String target = path(endpoint, random, inputs) + query(endpoint, random, inputs);
    String method =
        random.nextInt(33) == 0 ? METHODS.get(random.nextInt(METHODS.size())) : endpoint.method();
    byte[] body = body(endpoint, random);
    String type = contentType(body, random);
    Credentials.Choice who = credentials.pick(random);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(target))
            .timeout(Probe.PATIENCE)
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    who.header().ifPresent(h -> request.header("Authorization", h));
    if (!type.isEmpty()) {
      request.header("Content-Type", type);
    }
    return new Fuzzed(request.build(), new Sent(method, target, who.who(), type, body, inputs));
  }

  private String path(Endpoint endpoint, RandomGenerator random, List<String> inputs) {
    String path = endpoint.path();
    for (String name : endpoint.pathParams()) {
      String value = value(name, random);
      inputs.add(value);
      path = path.replace("{" + name + "}", Uris.segment(value, random));
    }
    return path;
  }

  private String query(Endpoint endpoint, RandomGenerator random, List<String> inputs) {
    List<String> pairs = new ArrayList<>();
    for (String name : endpoint.queryParams()) {
      if (random.nextInt(5) < 2) {
        continue;
      }
      String value = value(name, random);
      inputs.add(value);
      pairs.add(name + "=" + Uris.query(value, random));
      if (random.nextInt(20) == 0) {
        pairs.add(name + "=" + Uris.query(Hostile.any(random), random));
      }
    }
    if (random.nextInt(10) == 0) {
      String name = Hostile.any(random);
      String value = Hostile.any(random);
      inputs.add(name);
      inputs.add(value);
      pairs.add(Uris.query(name, random) + "=" + Uris.query(value, random));
    }
    String query = String.join("&", pairs);
    return query.isEmpty() || !Uris.legal("/?" + query) ? "" : "?" + query;
  }

  /** A seed more than half the time, a near miss or a hostile value otherwise. */
  private String value(String name, RandomGenerator random) {
    int roll = random.nextInt(20);
    if (roll < 11) {
      return seeds.valid(name, random);
    }
    return roll < 14 ? Hostile.nearly(seeds.valid(name, random), random) : Hostile.any(random);
  }

  private byte[] body(Endpoint endpoint, RandomGenerator random) {
    if (endpoint.bodySchema().isEmpty()) {
      return random.nextInt(7) == 0 ? TextMutations.mutate("{\"x\": 1}", random) : new byte[0];
    }
    JsonNode valid = schemas.valid(endpoint.bodySchema().get(), random);
    int roll = random.nextInt(10);
    if (roll == 0) {
      return write(valid);
    }
    return roll < 7
        ? write(JsonMutations.mutate(valid, random))
        : TextMutations.mutate(new String(write(valid), StandardCharsets.UTF_8), random);
  }

  private String contentType(byte[] body, RandomGenerator random) {
    boolean usual = body.length == 0 ? random.nextInt(10) != 0 : random.nextInt(5) != 0;
    if (usual) {
      return body.length == 0 ? "" : "application/json";
    }
    return CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
  }

  private static byte[] write(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a generated body cannot be written: " + e.getMessage(), e);
    }
  }
}
