package dev.paved.cluster.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The line of a component's log that most likely says why it stopped. */
final class LogTail {

  private static final int TAIL_BYTES = 64 * 1024;
  private static final int MAX_LINE = 300;

  private LogTail() {}

  /** The last line mentioning an error, else the last line; empty when the log is empty. */
  static String lastError(Path log) {
    List<String> lines = tail(log);
    String chosen = "";
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.contains("error") || lower.contains("fatal") || lower.contains("panic")) {
        chosen = line;
      }
    }
    if (chosen.isEmpty() && !lines.isEmpty()) {
      chosen = lines.getLast();
    }
    return chosen.length() > MAX_LINE ? chosen.substring(0, MAX_LINE) + "…" : chosen;
  }

  /** Whether the log says a port was taken. */
  static boolean portInUse(Path log) {
    return tail(log).stream().anyMatch(line -> line.contains("address already in use"));
  }

  private static List<String> tail(Path log) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, file.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
