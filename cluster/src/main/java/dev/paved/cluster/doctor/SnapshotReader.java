package dev.paved.cluster.doctor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a snapshot directory (DESIGN.md §6): {@code objects.json}, optional {@code snapshot.json}
 * and {@code logs/<namespace>/<pod>/<container>[.previous].log}. Log tails longer than {@link
 * #LOG_LIMIT} characters keep their end, where the error is. Logs are whatever the container
 * printed: bytes that are not UTF-8 are read as U+FFFD, never a reason to refuse the snapshot.
 */
public final class SnapshotReader {

  static final int LOG_LIMIT = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnapshotReader() {}

  public static Snapshot read(Path directory) {
    Path objectsFile = directory.resolve("objects.json");
    if (!Files.isRegularFile(objectsFile)) {
      throw new InvalidInputException(
          "no objects.json in " + directory,
          SourceLocation.ofFile(directory.toString()),
          "a snapshot directory holds objects.json (a v1 List); write one with"
              + " 'paved doctor collect -n NAMESPACE -o DIR'");
    }
    List<JsonNode> objects = objects(parse(objectsFile), objectsFile);
    Map<String, String> logs = logs(directory.resolve("logs"));
    Path meta = directory.resolve("snapshot.json");
    if (!Files.isRegularFile(meta)) {
      return Snapshot.undated(objects, logs);
    }
    JsonNode info = parse(meta);
    Instant capturedAt =
        Json.time(info, "capturedAt")
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "snapshot.json has no valid capturedAt",
                        SourceLocation.ofFile(meta.toString()),
                        "write it as {\"capturedAt\": \"2025-11-18T14:32:05Z\"} (RFC 3339)"));
    java.util.Set<String> listed = new java.util.TreeSet<>();
    Json.list(info, "listed").forEach(kind -> listed.add(kind.asText()));
    return Snapshot.capturedAt(objects, logs, capturedAt, Json.optional(info, "kubernetesVersion"))
        .withListed(listed, List.of());
  }

  private static JsonNode parse(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidInputException(
          "not valid JSON: " + e.getOriginalMessage(),
          Optional.of(
              new SourceLocation(
                  file.toString(),
                  Math.max(1, at == null ? 1 : at.getLineNr()),
                  Math.max(1, at == null ? 1 : at.getColumnNr()))),
          "write the file with 'kubectl get ... -o json' or 'paved doctor collect'",
          e);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions", false, e);
    }
  }

  private static List<JsonNode> objects(JsonNode root, Path file) {
    List<JsonNode> objects = new ArrayList<>();
    if (root.has("items")) {
      root.get("items").forEach(objects::add);
    } else if (root.has("kind")) {
      objects.add(root);
    } else {
      throw new InvalidInputException(
          "objects.json is neither a List nor a Kubernetes object",
          SourceLocation.ofFile(file.toString()),
          "write it with 'kubectl get pods,events,... -o json' (a v1 List with items)");
    }
    return objects;
  }

  private static Map<String, String> logs(Path root) {
    Map<String, String> logs = new LinkedHashMap<>();
    if (!Files.isDirectory(root)) {
      return logs;
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = root.relativize(file);
        String name = relative.getFileName().toString();
        if (relative.getNameCount() != 3 || !name.endsWith(".log")) {
          continue;
        }
        boolean previous = name.endsWith(".previous.log");
        String container = name.substring(0, name.length() - (previous ? 13 : 4));
        logs.put(
            Snapshot.logKey(
                relative.getName(0).toString(),
                relative.getName(1).toString(),
                container,
                previous),
            tail(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot read the logs under " + root + ": " + e.getMessage(),
          "check the directory's permissions",
          false,
          e);
    }
    return logs;
  }

  static String tail(String log) {
    return log.length() <= LOG_LIMIT ? log : log.substring(log.length() - LOG_LIMIT);
  }
}
