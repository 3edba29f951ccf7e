package dev.paved.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotAllowedException;
import dev.paved.core.error.NotAuthenticatedException;
import dev.paved.core.error.NotFoundException;
import dev.paved.core.error.PavedException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.error.UsageException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the server's API with the login's token. Problem documents come back as the matching {@link
 * PavedException}, so the CLI prints them like its own errors and exits with their code.
 */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String server;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApiClient(String server, String token) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.token = token;
  }

  public static ApiClient of(Credentials.Login login) {
    return new ApiClient(login.server(), login.token());
  }

  public String server() {
    return server;
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public JsonNode post(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("request bodies are plain data", e);
    }
  }

  /** Copies a text response to {@code out} as it arrives (for followed logs). */
  public void stream(String path, java.io.OutputStream out) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build();
    try {
      HttpResponse<java.io.InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = response.body()) {
        if (response.statusCode() >= 400) {
          throw problem(
              response.statusCode(),
              parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        }
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
          out.flush();
        }
      }
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot reach the Paved server at " + server + ": " + e.getMessage(),
          "check that it runs",
          true,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("interrupted", "", true, e);
    }
  }

  private URI uri(String path) {
    try {
      return URI.create(server + path);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "'" + server + "' is not a server URL", "use http://HOST:PORT, as 'paved up' prints it");
    }
  }

  private JsonNode send(HttpRequest.Builder request) {
    request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot reach the Paved server at "
              + server
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          "check that it runs ('paved up') and the URL ('paved login URL')",
          true,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("interrupted", "", true, e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() >= 400) {
      throw problem(response.statusCode(), body);
    }
    return body;
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode()
          .put("detail", text.length() > 300 ? text.substring(0, 300) : text);
    }
  }

  static PavedException problem(int status, JsonNode body) {
    String detail = body.path("detail").asText("the server answered " + status);
    String hint = body.path("hint").asText("");
    Optional<SourceLocation> location =
        body.has("location")
            ? Optional.of(
                new SourceLocation(
                    body.path("location").path("file").asText("request"),
                    Math.max(1, body.path("location").path("line").asInt(1)),
                    Math.max(1, body.path("location").path("column").asInt(1))))
            : Optional.empty();
    return switch (status) {
      case 400 -> new UsageException(detail, hint);
      case 401 ->
          new NotAuthenticatedException(detail, hint.isEmpty() ? "run 'paved login URL'" : hint);
      case 403 -> new NotAllowedException(detail, hint);
      case 404 -> new NotFoundException(detail, hint);
      case 409, 422 -> new InvalidInputException(detail, location, hint, null);
      default ->
          new EnvironmentException(
              "the server answered " + status + ": " + detail,
              hint,
              status == 429 || status >= 500,
              null);
    };
  }
}
