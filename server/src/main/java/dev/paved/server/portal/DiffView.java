package dev.paved.server.portal;

import dev.paved.gitops.repo.FileChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file's diff, ready to show unified or side by side, with YAML keys marked for colour.
 *
 * @param path the file
 * @param kind added, modified or deleted
 * @param lines the unified lines
 */
public record DiffView(String path, String kind, List<Line> lines) {

  private static final Pattern KEY =
      Pattern.compile("^(\\s*(?:-\\s+)?)([^\\s:#'\"][^:#]*:)(\\s.*|)$");

  public DiffView {
    lines = List.copyOf(lines);
  }

  /**
   * One line: {@code add}, {@code del} or {@code same}, with its numbers on each side (0: none).
   */
  public record Line(String kind, int before, int after, String text) {

    /** The indentation (and list dash) before a YAML key. */
    public String lead() {
      Matcher m = KEY.matcher(text);
      return m.matches() ? m.group(1) : "";
    }

    /** The YAML key with its colon, empty when the line has none. */
    public String key() {
      Matcher m = KEY.matcher(text);
      return m.matches() ? m.group(2) : "";
    }

    /** What follows the key (the whole line when it has no key). */
    public String rest() {
      Matcher m = KEY.matcher(text);
      return m.matches() ? m.group(3) : text;
    }

    public String sign() {
      return switch (kind) {
        case "add" -> "+";
        case "del" -> "-";
        default -> " ";
      };
    }
  }

  /** One row of the side-by-side view. */
  public record Pair(Optional<Line> left, Optional<Line> right) {}

  static DiffView of(FileChange change) {
    List<Line> lines = new ArrayList<>();
    int before = 0;
    int after = 0;
    List<String> unified = change.unifiedDiff().lines().skip(2).toList();
    for (String raw : unified) {
      String text = raw.isEmpty() ? "" : raw.substring(1);
      switch (raw.isEmpty() ? ' ' : raw.charAt(0)) {
        case '+' -> lines.add(new Line("add", 0, ++after, text));
        case '-' -> lines.add(new Line("del", ++before, 0, text));
        default -> lines.add(new Line("same", ++before, ++after, text));
      }
    }
    return new DiffView(change.path(), change.kind(), lines);
  }

  public long added() {
    return lines.stream().filter(l -> l.kind().equals("add")).count();
  }

  public long removed() {
    return lines.stream().filter(l -> l.kind().equals("del")).count();
  }

  /** The lines side by side: removed lines beside the lines that replaced them. */
  public List<Pair> pairs() {
    List<Pair> pairs = new ArrayList<>();
    List<Line> removed = new ArrayList<>();
    List<Line> added = new ArrayList<>();
    for (Line line : lines) {
      switch (line.kind()) {
        case "del" -> removed.add(line);
        case "add" -> added.add(line);
        default -> {
          flush(pairs, removed, added);
          pairs.add(new Pair(Optional.of(line), Optional.of(line)));
        }
      }
    }
    flush(pairs, removed, added);
    return pairs;
  }

  private static void flush(List<Pair> pairs, List<Line> removed, List<Line> added) {
    for (int i = 0; i < Math.max(removed.size(), added.size()); i++) {
      pairs.add(
          new Pair(
              i < removed.size() ? Optional.of(removed.get(i)) : Optional.empty(),
              i < added.size() ? Optional.of(added.get(i)) : Optional.empty()));
    }
    removed.clear();
    added.clear();
  }
}
