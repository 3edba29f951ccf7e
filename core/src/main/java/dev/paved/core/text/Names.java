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

  /** A suggested valid label for an invalid name (lower-cased, bad characters replaced). */
  public static String toDnsLabel(String name) {
    String lowered = name.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    String cut = lowered.length() > 63 ? lowered.substring(0, 63).replaceAll("-+$", "") : lowered;
    return cut.isEmpty() ? "app" : cut;
  }
}
