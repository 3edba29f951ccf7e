package dev.paved.server.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request as sent, for the failure message and for telling an echo of the input from a leak.
 *
 * @param who whose credentials it carried ("sue", "no token", "a bad token")
 * @param inputs the raw values put into its path, query and form, before encoding
 */
public record Sent(
    String method,
    String target,
    String who,
    String contentType,
    byte[] body,
    List<String> inputs) {

  public Sent {
    body = body.clone();
    inputs = List.copyOf(inputs);
  }

  /** Everything the request carried, decoded: a body may quote any of it back. */
  public String text() {
    return target + "\n" + String.join("\n", inputs) + "\n" + bodyText();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return method
        + " "
        + Verdicts.prefix(target, 300)
        + " as "
        + who
        + (contentType.isEmpty() ? "" : ", Content-Type: " + contentType)
        + (body.length == 0 ? "" : ", body (" + body.length + " bytes): ")
        + Verdicts.prefix(bodyText(), 600);
  }
}
