package dev.paved.core.error;

import java.util.Optional;

/**
 * The one exception family of Paved. Every subclass carries what went wrong in a sentence, where
 * (when a file position is known) and how to fix it, so the edges (CLI, REST) can print it without
 * a stack trace. The subclass decides the exit code and HTTP status.
 */
public abstract sealed class PavedException extends RuntimeException
    permits InvalidInputException,
        UsageException,
        EnvironmentException,
        NotAllowedException,
        NotAuthenticatedException,
        NotFoundException {

  private final transient Optional<SourceLocation> location;
  private final String hint;

  protected PavedException(
      String message, Optional<SourceLocation> location, String hint, Throwable cause) {
    super(message, cause);
    this.location = location;
    this.hint = hint == null ? "" : hint;
  }

  /** Where the problem is, when it is in a file. */
  public Optional<SourceLocation> location() {
    return location;
  }

  /** How to fix it; empty when there is nothing better to say than the message. */
  public String hint() {
    return hint;
  }

  /** Process exit code for the command line: 1 invalid input, 2 usage, 3 environment. */
  public abstract int exitCode();

  /** HTTP status for the REST API. */
  public abstract int httpStatus();

  /** Whether trying again unchanged may succeed. */
  public abstract boolean retryable();

  /**
   * One line: {@code file:line:col: message (hint)}. Control characters from echoed user input are
   * escaped ({@code \n}), so the result is always a single line.
   */
  public String oneLine() {
    StringBuilder line = new StringBuilder();
    location.ifPresent(where -> line.append(where).append(": "));
    line.append(getMessage());
    if (!hint.isEmpty()) {
      line.append(" (").append(hint).append(')');
    }
    return escapeControls(line.toString());
  }

  private static String escapeControls(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                  if (Character.isISOControl(c)) {
                    escaped.append(String.format("\\u%04x", c));
                  } else {
                    escaped.appendCodePoint(c);
                  }
                }
              }
            });
    return escaped.toString();
  }
}
