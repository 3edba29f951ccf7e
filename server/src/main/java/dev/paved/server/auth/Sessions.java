package dev.paved.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Portal sign-in. A session is a token of its own, issued at sign-in and revoked at sign-out, so a
 * stolen cookie dies with the session and the API token used to sign in never sits in a cookie. The
 * CSRF token is derived from the session's secret: a page from another site cannot know it.
 */
public final class Sessions {

  /** The session cookie's name. */
  public static final String COOKIE = "paved_session";

  /** Issued sessions are named like this in the user's token list. */
  public static final String NAME_PREFIX = "portal session ";

  /** How long a portal session lasts; the cookie lasts as long. */
  public static final java.time.Duration LIFETIME = java.time.Duration.ofDays(7);

  private final TokenStore tokens;

  public Sessions(TokenStore tokens) {
    this.tokens = tokens;
  }

  /** A session of the user, when {@code token} is one of their valid tokens. */
  public Optional<Started> start(String token, LocalDate today) {
    return tokens
        .authenticate(token.strip())
        .map(
            p ->
                new Started(
                    p,
                    tokens
                        .issue(p.user(), NAME_PREFIX + today, java.util.Optional.of(LIFETIME))
                        .token()));
  }

  /** A new session: who, and the secret that goes in the cookie. */
  public record Started(Principal principal, String secret) {}

  /** Ends the session whose secret is given; false when it had ended already. */
  public boolean end(Principal principal, String secret) {
    String id = secret.length() > 16 ? secret.substring(4, 16) : "";
    return tokens.revoke(principal.user(), id);
  }

  /** The form field and header value that must come with every portal write of this session. */
  public static String csrf(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("paved-csrf:" + secret).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Compares in constant time, so the check leaks nothing about how much matched. */
  public static boolean csrfMatches(String secret, String given) {
    return MessageDigest.isEqual(
        csrf(secret).getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
