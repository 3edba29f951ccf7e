package dev.paved.cluster.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kubeconfig files the server reads, searched in order as kubectl merges {@code KUBECONFIG}:
 * the first file that has a context wins. Read again on every call (a sandbox writes a new file
 * with new ports at each start).
 */
public record Kubeconfigs(List<Path> files) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public Kubeconfigs {
    files = List.copyOf(files);
  }

  /** The files of a {@code KUBECONFIG}-style list ({@code a:b}), empty parts left out. */
  public static Kubeconfigs parse(String list) {
    List<Path> paths = new ArrayList<>();
    for (String part : list.split(java.io.File.pathSeparator)) {
      if (!part.isBlank()) {
        paths.add(Path.of(part.strip()));
      }
    }
    return new Kubeconfigs(paths);
  }

  /**
   * One context, found.
   *
   * @param file the file that has it
   * @param text the file's text (for the client)
   * @param context the context's name
   * @param server the API server URL of its cluster
   */
  public record Found(Path file, String text, String context, String server) {}

  /**
   * The file and API server of {@code context}, or of the first file's current context when empty.
   *
   * @throws EnvironmentException when a file cannot be read or parsed, or no file has the context
   */
  public Found find(Optional<String> context) {
    if (files.isEmpty()) {
      throw new EnvironmentException(
          "no kubeconfig file is set",
          "start the server with --kubeconfig FILE (several: a:b, as KUBECONFIG)",
          false,
          null);
    }
    String wanted = context.orElseGet(() -> currentContext(files.getFirst()));
    for (Path file : files) {
      if (!Files.exists(file)) {
        continue;
      }
      String text = read(file);
      JsonNode root = parse(file, text);
      for (JsonNode named : root.path("contexts")) {
        if (wanted.equals(named.path("name").asText())) {
          return new Found(file, text, wanted, serverOf(root, file, named));
        }
      }
    }
    throw new EnvironmentException(
        "no kubeconfig context named '" + wanted + "' in " + describe(),
        (wanted.startsWith("paved-")
                ? "a sandbox's context: start it (paved sandbox up --name "
                    + wanted.substring("paved-".length())
                    + ", or paved up --clusters N), or "
                : "")
            + "add it (kubectl config set-context) or name a context these files have: "
            + contextNames(),
        false,
        null);
  }

  /**
   * The API server of {@code context} (or of the current context) in one kubeconfig's text, read
   * from somewhere else than a file (a Secret); {@code label} names that place in messages.
   */
  public static Found inText(String label, String text, Optional<String> context) {
    Path source = Path.of(label);
    JsonNode root = parse(source, text);
    String wanted =
        context.orElseGet(
            () -> {
              String current = root.path("current-context").asText("");
              if (current.isBlank()) {
                throw new EnvironmentException(
                    label + " has no current-context",
                    "name its context in the target",
                    false,
                    null);
              }
              return current;
            });
    for (JsonNode named : root.path("contexts")) {
      if (wanted.equals(named.path("name").asText())) {
        return new Found(source, text, wanted, serverOf(root, source, named));
      }
    }
    throw new EnvironmentException(
        "no kubeconfig context named '" + wanted + "' in " + label,
        "name a context it has, or leave context out for its current one",
        false,
        null);
  }

  /** The files, as a person reads them. */
  public String describe() {
    return String.join(java.io.File.pathSeparator, files.stream().map(Path::toString).toList());
  }

  private List<String> contextNames() {
    List<String> names = new ArrayList<>();
    for (Path file : files) {
      if (Files.exists(file)) {
        parse(file, read(file)).path("contexts").forEach(c -> names.add(c.path("name").asText()));
      }
    }
    return names;
  }

  private static String currentContext(Path file) {
    String current = parse(file, read(file)).path("current-context").asText("");
    if (current.isBlank()) {
      throw new EnvironmentException(
          file + " has no current-context",
          "name a context (--context or the target's)",
          false,
          null);
    }
    return current;
  }

  private static String serverOf(JsonNode root, Path file, JsonNode context) {
    String cluster = context.path("context").path("cluster").asText();
    for (JsonNode named : root.path("clusters")) {
      if (cluster.equals(named.path("name").asText())) {
        return named.path("cluster").path("server").asText();
      }
    }
    throw new EnvironmentException(
        file
            + ": context '"
            + context.path("name").asText()
            + "' names cluster '"
            + cluster
            + "', which the file does not have",
        "fix the kubeconfig (kubectl config set-cluster)",
        false,
        null);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot read the kubeconfig " + file + ": " + e.getMessage(),
          "check the path and its permissions",
          false,
          e);
    }
  }

  private static JsonNode parse(Path file, String text) {
    try {
      JsonNode root = YAML.readTree(text);
      if (root == null || !root.isObject()) {
        throw new IOException("it is not a YAML mapping");
      }
      return root;
    } catch (IOException e) {
      throw new EnvironmentException(
          "the kubeconfig " + file + " does not parse: " + firstLine(e.getMessage()),
          "fix the file, or point the target at another one",
          false,
          e);
    }
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
