package dev.paved.server.fuzz;

import dev.paved.server.auth.Sessions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in portal session per person, as a browser holds it: the cookie and the CSRF token its
 * pages carry. A session the fuzzer signed out of (the sign-out form is fuzzed too) is replaced by
 * a new one.
 */
public final class PortalSessions {

  /** One person's session. */
  public record Session(String user, String cookie, String csrf) {}

  private static final Pattern CSRF =
      Pattern.compile("name=\"csrf-token\" content=\"([0-9a-f]+)\"");

  private final URI base;
  private final Probe probe;
  private final Map<String, String> tokens;
  private final Map<String, Session> sessions = new HashMap<>();

  public PortalSessions(URI base, Probe probe, Map<String, String> tokens) {
    this.base = base;
    this.probe = probe;
    this.tokens = Map.copyOf(tokens);
  }

  public Session of(String user) {
    return sessions.computeIfAbsent(user, this::signIn);
  }

  /** Forgets the session when the answer ended it (a cookie set to nothing). */
  public void renewIfEnded(String user, Probe.Answer answer) {
    boolean ended =
        answer.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.startsWith(Sessions.COOKIE + "=;"));
    if (ended) {
      sessions.remove(user);
    }
  }

  /** The page at {@code path} as the user sees it; "" when it is not a page. */
  public String page(String user, String path) {
    Probe.Answer answer =
        probe.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", of(user).cookie())
                .GET()
                .build());
    return answer.status() == 200 && answer.contentType().startsWith("text/html")
        ? answer.body()
        : "";
  }

  private Session signIn(String user) {
    Probe.Answer signedIn =
        probe.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "token=" + URLEncoder.encode(tokens.get(user), StandardCharsets.UTF_8)))
                .build());
    String setCookie =
        signedIn
            .headers()
            .firstValue("Set-Cookie")
            .orElseThrow(() -> new IllegalStateException(user + " cannot sign in: " + signedIn));
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    Probe.Answer apps =
        probe.send(
            HttpRequest.newBuilder(URI.create(base + "/apps")).header("Cookie", cookie).build());
    Matcher csrf = CSRF.matcher(apps.body());
    if (!csrf.find()) {
      throw new IllegalStateException("the Apps page of " + user + " has no CSRF token");
    }
    return new Session(user, cookie, csrf.group(1));
  }
}
