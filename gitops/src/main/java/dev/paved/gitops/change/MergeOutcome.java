package dev.paved.gitops.change;

import java.util.List;

/** What a merge did. */
public sealed interface MergeOutcome {

  /** Main now holds the change, as commit {@code commit}. */
  record Merged(ChangeRequest change, String commit) implements MergeOutcome {}

  /**
   * Nothing was merged, and why.
   *
   * @param reason a sentence with the way out (recheck, approve, fix the spec)
   * @param files the files in conflict, when that is the reason
   * @param retryable whether trying the same merge again may succeed as is (a busy main)
   */
  record Refused(String reason, List<String> files, boolean retryable) implements MergeOutcome {
    public Refused {
      files = List.copyOf(files);
    }
  }
}
