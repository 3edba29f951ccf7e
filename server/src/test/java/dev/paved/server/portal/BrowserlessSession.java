package dev.paved.server.portal;

import dev.paved.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A portal session driven over plain HTTP, as a browser would (cookie, forms, the CSRF token taken
 * from the page), for tests that need no JavaScript.
 */
final class BrowserlessSession {

  private static final Pattern CSRF =
      Pattern.compile("name=\"csrf-token\" content=\"([0-9a-f]+)\"");

  private final TestServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String cookie;

  private BrowserlessSession(TestServer server, String cookie) {
    this.server = server;
    this.cookie = cookie;
  }

  /** Signs in with the user's API token. */
  static BrowserlessSession signIn(TestServer server, String user) {
    HttpResponse<String> answer =
        post(HttpClient.newHttpClient(), server, "/login", "", Map.of("token", server.token(user)));
    String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
    return new BrowserlessSession(server, setCookie.substring(0, setCookie.indexOf(';')));
  }

  /** Posts the sign-in form with this token and these extra headers, as any browser could. */
  HttpResponse<String> postSignIn(String token, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token));
    headers.forEach(request::header);
    return send(request);
  }

  String cookieHeader() {
    return cookie;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).GET());
  }

  /** The CSRF token of the session, as the pages carry it. */
  String csrf() {
    Matcher m = CSRF.matcher(get("/apps").body());
    if (!m.find()) {
      throw new IllegalStateException("the page has no CSRF token");
    }
    return m.group(1);
  }

  /** Submits a form with the session's CSRF token. */
  HttpResponse<String> submit(String path, Map<String, String> fields) {
    Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    all.put("_csrf", csrf());
    return post(http, server, path, cookie, all);
  }

  /** Submits a form without any CSRF token (what a page of another site can do). */
  HttpResponse<String> submitWithoutToken(String path, Map<String, String> fields) {
    return post(http, server, path, cookie, fields);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> post(
      HttpClient http, TestServer server, String path, String cookie, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
