package dev.paved.server.auth;

import java.util.Locale;

/**
 * A user's role across teams: {@code platform} engineers change {@code platform/} files and may do
 * everything; {@code viewer}s read everything and change nothing; {@code none} sees only the user's
 * own teams.
 */
public enum PlatformRole {
  NONE,
  VIEWER,
  PLATFORM;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PlatformRole of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
