package dev.paved.cluster.logs;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/** Why a log could not be read, in one sentence: never a client's dump of the API's status. */
public final class LogReasons {

  private LogReasons() {}

  /** Why a log read failed, in one line; never the client's dump of the API's status. */
  public static String why(Throwable error) {
    if (!(error instanceof KubernetesClientException e)) {
      return "it could not be read: " + firstLine(String.valueOf(error.getMessage()));
    }
    Optional<String> said =
        Optional.ofNullable(e.getStatus())
            .map(s -> s.getMessage())
            .filter(m -> !m.isBlank())
            .map(LogReasons::firstLine);
    return switch (e.getCode()) {
      case 400 -> said.map(m -> "it is not there yet: " + m).orElse("it is not there yet");
      case 403 -> "this server may not read logs in that namespace (RBAC: pods/log)";
      case 404 -> said.map(m -> "it is gone: " + m).orElse("the pod is gone");
      case 0 ->
          "the cluster did not answer: "
              + firstLine(
                  Optional.ofNullable(e.getCause())
                      .map(Throwable::getMessage)
                      .orElse(String.valueOf(e.getMessage())));
      default ->
          said.map(m -> "the node did not serve it: " + m)
              .orElse("the node did not serve it (HTTP " + e.getCode() + ")");
    };
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
