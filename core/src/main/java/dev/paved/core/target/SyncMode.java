package dev.paved.core.target;

import java.util.Locale;

/** Who applies a target's apps: Paved itself, or Argo CD from the Applications Paved writes. */
public enum SyncMode {
  PAVED,
  ARGOCD;

  /** As the target file spells it: {@code paved}, {@code argocd}. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode a target file spells so; empty for any other word. */
  public static java.util.Optional<SyncMode> parse(String text) {
    for (SyncMode mode : values()) {
      if (mode.spelling().equals(text)) {
        return java.util.Optional.of(mode);
      }
    }
    return java.util.Optional.empty();
  }
}
