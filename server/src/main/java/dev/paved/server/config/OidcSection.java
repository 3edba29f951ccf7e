package dev.paved.server.config;

import dev.paved.core.error.UsageException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code oidc.*} settings (and {@code public-url}): sign-in through an OIDC provider. */
final class OidcSection {

  private OidcSection() {}

  /** OIDC sign-in when {@code oidc.issuer} is set; then client id and secret are required. */
  static Optional<dev.paved.server.auth.OidcSettings> parse(Map<String, String> values) {
    if (!values.containsKey("oidc.issuer")) {
      List<String> stray =
          values.keySet().stream().filter(k -> k.startsWith("oidc.")).sorted().toList();
      if (!stray.isEmpty()) {
        throw new UsageException(
            stray + " set without oidc.issuer", "set oidc.issuer too, or remove them");
      }
      return Optional.empty();
    }
    for (String key : List.of("oidc.client-id", "oidc.client-secret")) {
      if (values.getOrDefault(key, "").isBlank()) {
        throw new UsageException(
            "oidc.issuer is set but " + key + " is not",
            "register Paved as a client at the provider and set " + key);
      }
    }
    return Optional.of(
        new dev.paved.server.auth.OidcSettings(
            uri(values.get("oidc.issuer"), "oidc.issuer"),
            values.get("oidc.client-id"),
            values.get("oidc.client-secret"),
            values.getOrDefault("oidc.user-claim", "preferred_username"),
            Optional.ofNullable(values.get("oidc.platform-group")),
            Optional.ofNullable(values.get("oidc.viewer-group")),
            Optional.ofNullable(values.get("public-url")).map(v -> uri(v, "public-url"))));
  }

  private static java.net.URI uri(String text, String key) {
    try {
      java.net.URI uri = new java.net.URI(text);
      if (!List.of("http", "https").contains(String.valueOf(uri.getScheme()))
          || uri.getHost() == null) {
        throw new java.net.URISyntaxException(text, "not an http(s) URL with a host");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new UsageException(
          key + " '" + text + "' is not a URL: " + e.getReason(),
          "for example https://login.example.com/realms/paved");
    }
  }
}
