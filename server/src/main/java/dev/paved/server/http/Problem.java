package dev.paved.server.http;

import dev.paved.core.error.PavedException;
import dev.paved.core.error.SourceLocation;
import dev.paved.server.json.JsonMapping;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * An RFC 9457 problem document: every API error has this shape, with a {@code detail} that says
 * what went wrong and a {@code hint} that says how to fix it. Never a stack trace.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String hint,
    Optional<SourceLocation> location,
    boolean retryable) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(PavedException e) {
    return new Problem(
        "urn:paved:problem:" + kind(e),
        title(e.httpStatus()),
        e.httpStatus(),
        PlainMessages.of(e.getMessage()),
        PlainMessages.of(e.hint()),
        e.location(),
        e.retryable());
  }

  public static Problem of(int status, String detail, String hint) {
    return new Problem(
        "urn:paved:problem:" + slug(status),
        title(status),
        status,
        detail,
        hint,
        Optional.empty(),
        false);
  }

  public void writeTo(Context ctx) {
    ctx.status(status)
        .contentType(MEDIA_TYPE)
        .result(new JsonMapping().toJsonString(this, Problem.class));
  }

  private static String kind(PavedException e) {
    String name = e.getClass().getSimpleName().replace("Exception", "");
    return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static String slug(int status) {
    return title(status).toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
