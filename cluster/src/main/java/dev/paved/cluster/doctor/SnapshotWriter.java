package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a snapshot directory that {@link SnapshotReader} reads back. The directory appears whole
 * or not at all: it is written beside its destination and moved into place at the end.
 */
public final class SnapshotWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SnapshotWriter() {}

  public static void write(Snapshot snapshot, Path directory) {
    Path target = directory.toAbsolutePath().normalize();
    if (Files.exists(target) && !empty(target)) {
      throw new InvalidInputException(
          "the snapshot directory " + directory + " already exists and is not empty",
          SourceLocation.ofFile(directory.toString()),
          "choose a new directory; a snapshot is never written over another");
    }
    Path staging = target.resolveSibling("." + target.getFileName() + ".partial");
    try {
      delete(staging);
      Files.createDirectories(staging);
      ObjectNode list = JSON.createObjectNode();
      list.put("apiVersion", "v1");
      list.put("kind", "List");
      list.putArray("items").addAll(snapshot.objects());
      JSON.writeValue(staging.resolve("objects.json").toFile(), list);
      ObjectNode info = JSON.createObjectNode();
      snapshot.capturedAt().ifPresent(t -> info.put("capturedAt", t.toString()));
      snapshot.kubernetesVersion().ifPresent(v -> info.put("kubernetesVersion", v));
      if (!snapshot.listed().isEmpty()) {
        var listed = info.putArray("listed");
        snapshot.listed().stream().sorted().forEach(listed::add);
      }
      JSON.writeValue(staging.resolve("snapshot.json").toFile(), info);
      for (Map.Entry<String, String> log : snapshot.logs().entrySet()) {
        Path file = staging.resolve("logs").resolve(fileOf(log.getKey()));
        Files.createDirectories(file.getParent());
        Files.writeString(file, log.getValue());
      }
      if (Files.exists(target)) {
        Files.delete(target);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        delete(staging);
      } catch (IOException ignored) {
        // the staging directory is named .NAME.partial; it is removed on the next write
      }
      throw new EnvironmentException(
          "cannot write the snapshot to " + directory + ": " + e.getMessage(),
          "check that the parent directory is writable and has free space",
          false,
          e);
    }
  }

  /** {@code ns/pod/container[.previous]} → {@code ns/pod/container[.previous].log}. */
  private static Path fileOf(String key) {
    String[] parts = key.split("/", 3);
    for (String part : parts) {
      if (part.isEmpty() || part.equals("..") || part.equals(".") || part.contains("\\")) {
        throw new IllegalArgumentException("not a log key: " + key);
      }
    }
    return Path.of(parts[0], parts[1], parts[2] + ".log");
  }

  private static boolean empty(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
