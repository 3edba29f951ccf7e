package dev.paved.gitops.repo;

import java.time.Instant;
import java.util.List;

/** One commit as shown in history. */
public record CommitInfo(
    String id, String message, String author, Instant time, List<String> parents) {

  public CommitInfo {
    parents = List.copyOf(parents);
  }

  public String shortId() {
    return id.substring(0, 12);
  }

  public String title() {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
