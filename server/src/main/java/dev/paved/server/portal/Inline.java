package dev.paved.server.portal;

/**
 * Short texts written by platform engineers (golden path and parameter descriptions) as HTML:
 * escaped, with {@code `code`} spans shown as code, as in Markdown. Nothing else is interpreted.
 */
public final class Inline {

  private Inline() {}

  /** The text, HTML-escaped, each pair of backticks a {@code <code>} element. */
  public static String html(String text) {
    StringBuilder html = new StringBuilder();
    String[] parts = text.split("`", -1);
    boolean paired = parts.length % 2 == 1;
    for (int i = 0; i < parts.length; i++) {
      boolean code = i % 2 == 1 && (paired || i < parts.length - 1);
      if (i > 0 && !code && i % 2 == 1) {
        html.append('`'); // an unpaired backtick stays as it is
      }
      html.append(code ? "<code>" : "").append(escape(parts[i])).append(code ? "</code>" : "");
    }
    return html.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
