package dev.paved.server.auth;

import java.util.Locale;

/** A user's role in one team: a member changes the team's apps; an admin also its members. */
public enum TeamRole {
  MEMBER,
  ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TeamRole of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
