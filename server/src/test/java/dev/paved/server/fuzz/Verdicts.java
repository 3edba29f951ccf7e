package dev.paved.server.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds every answer to the rule (an answer within {@link Probe#PATIENCE}, no 5xx, no stack trace
 * or class name in the body) and counts what came back. A failure keeps the request that caused it,
 * so it can be replayed by hand.
 */
public final class Verdicts {

  /**
   * What only a stack trace or a leaked exception puts in a body. A marker the request itself
   * carried is not counted: an error message may quote the input.
   */
  private static final List<String> MARKERS =
      List.of(
          "\tat ",
          "Caused by:",
          "Exception:",
          "Exception\n",
          "java.lang.",
          "java.util.",
          "java.io.",
          "java.net.",
          "java.sql.",
          "javax.",
          "jakarta.",
          "org.eclipse.jetty.",
          "io.javalin.",
          "com.fasterxml.",
          "org.yaml.",
          "org.h2.",
          "org.postgresql.",
          "org.jdbi.",
          "org.eclipse.jgit.",
          "io.fabric8.",
          "dev.paved.");

  private static final int SHOWN = 25;
  private static final Pattern RUN = Pattern.compile("(.)\\1{19,}", Pattern.DOTALL);

  private final Map<String, Long> statuses = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Long> kinds = new TreeMap<>();
  private Sent previous;
  private String firstKind = "";
  private long failed;
  private long serverErrors;
  private long traces;
  private long hangs;
  private long dropped;
  private long allowed;
  private long resent;

  /**
   * Judges one answer; {@code allowed5xx} says whether this 5xx is one the test set up on purpose
   * (a documented answer for something the test server deliberately lacks); {@code where} names the
   * endpoint or form, to sum the failures up by. Returns false after a hang: the server may still
   * be busy with that request, so the run should stop there rather than crawl on.
   */
  public boolean judge(String where, Sent sent, Probe.Answer answer, boolean allowed5xx) {
    Optional<String> wrong = wrong(sent.text(), answer, allowed5xx);
    if (answer.resent()) {
      resent++;
    }
    if (answer.answered()) {
      statuses.merge(answer.status() / 100 + "xx", 1L, Long::sum);
    }
    if (answer.answered() && answer.status() >= 500 && allowed5xx) {
      allowed++;
    }
    if (wrong.isPresent()) {
      failed++;
      if (kinds.isEmpty()) {
        firstKind = wrong.get() + " on " + where;
      }
      kinds.merge(where + ": " + wrong.get(), 1L, Long::sum);
      if (failures.size() < SHOWN) {
        failures.add(
            wrong.get()
                + "\n    request: "
                + sent
                + kept(sent)
                + "\n    answer: "
                + shown(answer)
                + "\n    (after: "
                + previous
                + ")");
      }
    }
    previous = sent;
    return answer.answered() || !answer.failure().startsWith(Probe.HANG);
  }

  private Optional<String> wrong(String request, Probe.Answer answer, boolean allowed5xx) {
    if (!answer.answered()) {
      if (answer.failure().startsWith(Probe.HANG)) {
        hangs++;
      } else {
        dropped++;
      }
      return Optional.of(answer.failure());
    }
    if (answer.status() >= 500 && !allowed5xx) {
      serverErrors++;
      return Optional.of("status " + answer.status());
    }
    for (String marker : MARKERS) {
      if (answer.body().contains(marker) && !request.contains(marker)) {
        traces++;
        return Optional.of("the body leaks '" + marker.replace("\t", "\\t") + "'");
      }
    }
    return Optional.empty();
  }

  /** Where the whole request is kept when the message shows only its start. */
  private String kept(Sent sent) {
    if (sent.body().length <= 600) {
      return "";
    }
    Path file = Path.of("target", "fuzz-failures", "request-" + failures.size() + ".txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, sent.method() + " " + sent.target() + "\n\n" + sent.bodyText());
      return "\n    (whole request in " + file.toAbsolutePath() + ")";
    } catch (IOException e) {
      return "\n    (the whole request could not be kept: " + e.getMessage() + ")";
    }
  }

  private static String shown(Probe.Answer answer) {
    if (!answer.answered()) {
      return answer.failure();
    }
    return answer.status() + " " + answer.contentType() + " " + prefix(answer.body(), 600);
  }

  /**
   * The start of a text for a message, with long runs of one character shortened ({@code y×200000})
   * so a long value does not hide what follows it.
   */
  public static String prefix(String text, int length) {
    Matcher run = RUN.matcher(text);
    StringBuilder shortened = new StringBuilder();
    while (run.find()) {
      run.appendReplacement(
          shortened, Matcher.quoteReplacement(run.group(1) + "×" + run.group().length()));
    }
    run.appendTail(shortened);
    String shown =
        shortened.length() <= length
            ? shortened.toString()
            : shortened.substring(0, length) + "… (" + text.length() + " characters)";
    return shown.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
  }

  public long count(String statusClass) {
    return statuses.getOrDefault(statusClass.toLowerCase(Locale.ROOT), 0L);
  }

  public long failed() {
    return failed;
  }

  public long serverErrors() {
    return serverErrors;
  }

  public long traces() {
    return traces;
  }

  public long hangs() {
    return hangs;
  }

  /** Requests whose connection closed without an answer, twice. */
  public long dropped() {
    return dropped;
  }

  /** Requests sent a second time because their connection was closed under them. */
  public long resent() {
    return resent;
  }

  public long allowed5xx() {
    return allowed;
  }

  /** The first failures with their requests, and how many there were in all. */
  public String report() {
    String first = kinds.isEmpty() ? "" : ", first: " + firstKind;
    StringBuilder text = new StringBuilder(failed + " answers broke the rule" + first + "\n");
    kinds.forEach((kind, n) -> text.append("  ").append(n).append(" × ").append(kind).append('\n'));
    text.append("the first ").append(failures.size()).append(":\n  ");
    return text.append(String.join("\n  ", failures)).toString();
  }
}
