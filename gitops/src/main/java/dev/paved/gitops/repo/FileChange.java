package dev.paved.gitops.repo;

import java.util.Optional;

/** One file's change: added (no before), deleted (no after) or modified. */
public record FileChange(String path, Optional<String> before, Optional<String> after) {

  public String kind() {
    return before.isEmpty() ? "added" : after.isEmpty() ? "deleted" : "modified";
  }

  /** Only the lines that differ: {@code -old} and {@code +new}, in file order. */
  public java.util.List<String> changedLines() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    java.util.List<String> added = new java.util.ArrayList<>();
    for (String line : LineDiff.of(before.orElse(""), after.orElse(""))) {
      if (line.startsWith("-")) {
        lines.add(line);
      } else if (line.startsWith("+")) {
        added.add(line);
      } else {
        lines.addAll(added); // each run of changes reads old lines first, then new ones
        added.clear();
      }
    }
    lines.addAll(added);
    return lines;
  }

  /** A unified-style line diff (whole file as one hunk; files here are small manifests). */
  public String unifiedDiff() {
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(before.isPresent() ? "a/" + path : "/dev/null").append('\n');
    out.append("+++ ").append(after.isPresent() ? "b/" + path : "/dev/null").append('\n');
    LineDiff.of(before.orElse(""), after.orElse("")).forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }
}
