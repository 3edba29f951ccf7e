package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damaged copies of a corpus snapshot, written as a snapshot directory: objects with fields
 * removed, nulled or retyped; objects.json edited as text or replaced by odd JSON; snapshot.json
 * missing or wrong; log files garbled, oversized or misplaced. Deterministic for a given {@link
 * Random}.
 */
final class SnapshotDamage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FRAGMENTS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          "\"",
          ",",
          ":",
          "null",
          "true",
          "-0",
          "1e999",
          "\\ud800",
          "\u0000",
          "\"kind\": \"Pod\"",
          "\"status\": {}",
          "\"items\": [",
          "1".repeat(2_000),
          "\uFEFF",
          "é");
  private static final List<String> ROOTS =
      List.of(
          "",
          "[]",
          "null",
          "42",
          "\"x\"",
          "{}",
          "{\"items\": 5}",
          "{\"items\": {\"a\": 1}}",
          "{\"items\": [1, \"x\", null, [], {}, {\"kind\": 7}]}",
          "{\"kind\": 5}",
          "{\"kind\": \"Pod\"}",
          "[".repeat(5_000),
          "{\"items\": [" + "[".repeat(999),
          "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"" + "x".repeat(300_000) + "\"}}");
  private static final List<String> INFOS =
      List.of(
          "{}",
          "[1]",
          "nul",
          "{\"capturedAt\": 5}",
          "{\"capturedAt\": \"yesterday\"}",
          "{\"capturedAt\": \"+999999999-12-31T23:59:59Z\"}",
          "{\"capturedAt\": \"2025-11-18T14:32:05Z\", \"kubernetesVersion\": []}");

  /** The files of a corpus fixture, read once. */
  record Fixture(String objects, String info, Map<String, byte[]> logs) {

    static Fixture read(Path dir) {
      Map<String, byte[]> logs = new LinkedHashMap<>();
      Path root = dir.resolve("logs");
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            logs.put(root.relativize(file).toString(), Files.readAllBytes(file));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      Path info = dir.resolve("snapshot.json");
      return new Fixture(
          text(dir.resolve("objects.json")), Files.exists(info) ? text(info) : "", logs);
    }
  }

  private SnapshotDamage() {}

  /** Writes a damaged copy of the fixture to {@code dir}, replacing what was there. */
  static void write(Fixture fixture, Random random, Path dir) throws IOException {
    delete(dir);
    Files.createDirectories(dir);
    String objects = fixture.objects();
    String info = fixture.info();
    Map<String, byte[]> logs = new LinkedHashMap<>(fixture.logs());
    switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> objects = damagedObjects(objects, random);
      case 4, 5, 6 -> objects = edited(objects, random);
      case 7 -> objects = ROOTS.get(random.nextInt(ROOTS.size()));
      case 8 ->
          info =
              random.nextBoolean()
                  ? ""
                  : random.nextBoolean() ? edited(info, random) : pick(INFOS, random);
      default -> damageLogs(logs, random);
    }
    Files.writeString(dir.resolve("objects.json"), objects);
    if (!info.isEmpty()) {
      Files.writeString(dir.resolve("snapshot.json"), info);
    }
    for (Map.Entry<String, byte[]> log : logs.entrySet()) {
      Path file = dir.resolve("logs").resolve(log.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, log.getValue());
    }
  }

  private static String damagedObjects(String objects, Random random) throws IOException {
    JsonNode root = JSON.readTree(objects);
    damage(root, random, 0);
    return JSON.writeValueAsString(root);
  }

  /** Removes, nulls or retypes about one field in eight, at every depth. */
  static void damage(JsonNode node, Random random, int depth) {
    if (node instanceof ObjectNode object) {
      for (String field : fieldNames(object)) {
        switch (random.nextInt(24)) {
          case 0 -> object.remove(field);
          case 1 -> object.putNull(field);
          case 2 -> object.put(field, "unexpected");
          default -> damage(object.get(field), random, depth + 1);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = array.size() - 1; i >= 0; i--) {
        if (random.nextInt(12) == 0) {
          array.remove(i);
        } else if (random.nextInt(24) == 0) {
          array.set(i, JsonNodeFactory.instance.numberNode(7));
        } else {
          damage(array.get(i), random, depth + 1);
        }
      }
    }
  }

  /** One to four edits: fragments inserted, ranges deleted or duplicated, truncation. */
  private static String edited(String text, Random random) {
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      int i = random.nextInt(text.length() + 1);
      int j = Math.min(text.length(), i + random.nextInt(200));
      text =
          switch (random.nextInt(4)) {
            case 0 -> text.substring(0, i) + pick(FRAGMENTS, random) + text.substring(i);
            case 1 -> text.substring(0, i) + text.substring(j);
            case 2 -> text.substring(0, j) + text.substring(i, j) + text.substring(j);
            default -> text.substring(0, i);
          };
    }
    return text;
  }

  private static void damageLogs(Map<String, byte[]> logs, Random random) {
    List<String> names = new ArrayList<>(logs.keySet());
    String name = names.isEmpty() ? "ns/pod/c.log" : pick(names, random);
    byte[] garbage = new byte[random.nextInt(4_096)];
    random.nextBytes(garbage);
    switch (random.nextInt(5)) {
      case 0 -> logs.put(name, garbage);
      case 1 ->
          logs.put(
              name, "x".repeat(SnapshotReader.LOG_LIMIT + 1_000).getBytes(StandardCharsets.UTF_8));
      case 2 -> logs.put(name.replace(".log", ".txt"), logs.getOrDefault(name, garbage));
      case 3 -> logs.put("ns/pod/deeper/" + Path.of(name).getFileName(), garbage);
      default -> logs.put(name.replaceFirst("[^/]+$", ".previous.log"), new byte[0]);
    }
  }

  private static List<String> fieldNames(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static <T> T pick(List<T> options, Random random) {
    return options.get(random.nextInt(options.size()));
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
