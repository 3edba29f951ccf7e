package dev.paved.server.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request and waits for its whole answer at most {@link #PATIENCE}: one that takes longer
 * is a hang. An event stream counts as answered once its headers arrive (it never ends).
 *
 * <p>A request whose connection is closed under it is sent once more, on another connection and
 * with {@code Expect: 100-continue}, and marked {@code resent}. Jetty closes a connection after a
 * request line it refuses (400, 414) without saying {@code Connection: close}, so the next request
 * on it finds it gone; and it closes one whose large body was answered before it was read (a 401
 * before a 200 KB body), which can cut the answer off. Both are HTTP/1.1 as it is, not an
 * unanswered request; a second failure is counted as one.
 */
public final class Probe implements AutoCloseable {

  public static final Duration PATIENCE = Duration.ofSeconds(30);

  /** How a hang's failure begins. */
  public static final String HANG = "no answer within ";

  /** What came back: a status and body, or nothing (a hang, a dropped connection). */
  public record Answer(
      int status,
      String contentType,
      String body,
      HttpHeaders headers,
      String failure,
      boolean resent) {

    static Answer failed(String failure) {
      return new Answer(0, "", "", HttpHeaders.of(Map.of(), (n, v) -> true), failure, false);
    }

    Answer again(Answer first) {
      String both = answered() ? "" : first.failure + "; again: " + failure;
      return new Answer(status, contentType, body, headers, both, true);
    }

    public boolean answered() {
      return failure.isEmpty();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

  public Answer send(HttpRequest request) {
    Answer answer = once(request);
    if (answer.answered() || answer.failure().startsWith(HANG)) {
      return answer;
    }
    return once(HttpRequest.newBuilder(request, (name, value) -> true).expectContinue(true).build())
        .again(answer);
  }

  private Answer once(HttpRequest request) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    CompletableFuture<HttpResponse<InputStream>> sent =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    try {
      HttpResponse<InputStream> response = sent.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      String type = response.headers().firstValue("Content-Type").orElse("");
      try (InputStream body = response.body()) {
        if (type.startsWith("text/event-stream")) {
          return new Answer(response.statusCode(), type, "", response.headers(), "", false);
        }
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> all(body), readers);
        byte[] bytes = read.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return new Answer(response.statusCode(), type, text, response.headers(), "", false);
      }
    } catch (TimeoutException e) {
      sent.cancel(true);
      return Answer.failed(HANG + PATIENCE.toSeconds() + " s (a hang)");
    } catch (ExecutionException | IOException | UncheckedIOException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      return Answer.failed("no answer: " + cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] all(InputStream body) {
    try {
      return body.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.close();
    readers.close();
  }
}
