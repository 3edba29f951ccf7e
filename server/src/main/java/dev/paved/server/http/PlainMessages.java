package dev.paved.server.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps Java type names out of the sentences users read. A refusal may come from any module and
 * quote a library's message (SnakeYAML prints its parser events as {@code
 * <org.yaml.snakeyaml.events.MappingStartEvent(anchor=null, …)>}); the server is the edge where
 * users see it, so it rewrites such names into words here. Everything else is left as it is.
 */
public final class PlainMessages {

  /** Package roots of the server and its libraries; user input rarely starts with them. */
  private static final String ROOTS =
      "(?:java|javax|jakarta|sun|com\\.fasterxml|org\\.yaml|org\\.eclipse|org\\.h2"
          + "|org\\.postgresql|org\\.jdbi|io\\.javalin|io\\.fabric8|dev\\.paved)";

  private static final Pattern EVENT =
      Pattern.compile("<" + ROOTS + "\\.(?:\\w+\\.)*(\\w+?)(?:Event)?\\([^<>]*\\)>");

  private static final Pattern TYPE =
      Pattern.compile(ROOTS + "\\.(?:\\w+\\.)*([A-Z]\\w*)(?:\\$\\w+)*");

  private PlainMessages() {}

  /** The message with parser events as words ("mapping start") and types by simple name. */
  public static String of(String message) {
    if (message == null) {
      return "";
    }
    Matcher event = EVENT.matcher(message);
    String text =
        event.replaceAll(
            m ->
                Matcher.quoteReplacement(
                    m.group(1).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)));
    return TYPE.matcher(text).replaceAll("$1");
  }
}
