package dev.paved.core.text;

import java.util.regex.Pattern;

/** Kubernetes name rules Paved applies to apps, teams and environments. */
public final class Names {

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private Names() {}

  /** Whether the name is a DNS-1123 label: lower-case alphanumerics and '-', at most 63. */
  public static boolean isDnsLabel(String name) {
    return name.length() <= 63 && DNS_1123_LABEL.matcher(name).matches();
  }

  /**
   * Whether the name is a DNS-1035 label, as Service names must be: a DNS-1123 label that starts
   * with a letter.
   */
  public static boolean isDns1035Label(String name) {
    return isDnsLabel(name) && Character.isLetter(name.charAt(0));
  }

  /** A suggested valid label for an invalid name (lower-cased, bad characters replaced). */
  public static String toDnsLabel(String name) {
    String lowered = name.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    String cut = lowered.length() > 63 ? lowered.substring(0, 63).replaceAll("-+$", "") : lowered;
    if (cut.isEmpty()) {
      return "app";
    }
    return Character.isLetter(cut.charAt(0))
        ? cut
        : "a" + (cut.length() > 62 ? cut.substring(0, 62) : cut);
  }
}
