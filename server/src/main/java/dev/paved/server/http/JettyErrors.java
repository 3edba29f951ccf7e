package dev.paved.server.http;

import dev.paved.server.json.JsonMapping;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a request Jetty refuses before Paved sees it (a URL with NUL or an ambiguous
 * encoding, a malformed header): a problem document like every other API error, not Jetty's HTML
 * page, and {@code Connection: close}, since Jetty closes the connection after such a request.
 * Without that header a client reuses the connection and its next request dies unanswered
 * (PathTraversalTest found it).
 */
public final class JettyErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 400;
    Problem problem =
        Problem.of(
            status,
            "the request was refused before it reached Paved: its URL or headers are malformed"
                + " (for example a NUL or an ambiguous encoding in the path)",
            "send names as plain lower-case letters, digits and '-', percent-encoded once");
    byte[] body =
        new JsonMapping().toJsonString(problem, Problem.class).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
