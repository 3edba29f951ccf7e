package dev.paved.gitops.repo;

import java.util.Optional;

/** One file's change: added (no before), deleted (no after) or modified. */
public record FileChange(String path, Optional<String> before, Optional<String> after) {

  public String kind() {
    return before.isEmpty() ? "added" : after.isEmpty() ? "deleted" : "modified";
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
