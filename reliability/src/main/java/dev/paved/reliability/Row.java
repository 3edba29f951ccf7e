package dev.paved.reliability;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** One line of the report, as stored between the suite's run and the report. */
public record Row(
    Area area, String test, String source, long count, String unit, Status status, String result) {

  /** How a row's test ended. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  /** Where the rows of this build go: {@code target/reliability} under the build's root. */
  public static Path directory() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("reliability"))) {
        return p.resolve("target").resolve("reliability");
      }
    }
    return dir.resolve("target").resolve("reliability");
  }

  /** Writes the row to its own file (named after its source, so a rerun replaces it). */
  public void write() {
    writeTo(directory());
  }

  void writeTo(Path dir) {
    Properties p = new Properties();
    p.setProperty("area", area.name());
    p.setProperty("test", test);
    p.setProperty("source", source);
    p.setProperty("count", Long.toString(count));
    p.setProperty("unit", unit);
    p.setProperty("status", status.name());
    p.setProperty("result", result);
    try {
      Files.createDirectories(dir);
      StringWriter text = new StringWriter();
      p.store(text, null);
      Path tmp = Files.createTempFile(dir, "row", ".tmp");
      Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          dir.resolve(source.replaceAll("[^A-Za-z0-9_.-]", "_") + ".row"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the reliability row of " + source, e);
    }
  }

  static Row read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the reliability row " + file, e);
    }
    return new Row(
        Area.valueOf(p.getProperty("area")),
        p.getProperty("test"),
        p.getProperty("source"),
        Long.parseLong(p.getProperty("count")),
        p.getProperty("unit"),
        Status.valueOf(p.getProperty("status")),
        p.getProperty("result"));
  }
}
