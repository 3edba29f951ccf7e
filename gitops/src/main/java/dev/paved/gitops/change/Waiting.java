package dev.paved.gitops.change;

import java.util.List;

/** What an open change waits for before it can merge, and the command that moves it on. */
public sealed interface Waiting {

  /** The sentence the API and the command line show. */
  String message();

  /** {@code fix}, {@code approvals} or {@code merge}: what kind of step is missing. */
  default String kind() {
    return switch (this) {
      case Fix f -> "fix";
      case Approvals a -> "approvals";
      case Merge m -> "merge";
    };
  }

  /** It is blocked: it cannot merge as it stands. */
  record Fix(String id, String reason) implements Waiting {
    @Override
    public String message() {
      return "a fix: "
          + reason
          + "; change the spec and deploy again, then close "
          + id
          + " (paved changes close "
          + id
          + ")";
    }
  }

  /** Approvals from others: how many the rule asks, how many it has, and from whom. */
  record Approvals(String id, String rule, long given, boolean platform) implements Waiting {
    @Override
    public String message() {
      return "approvals: "
          + rule
          + " and has "
          + given
          + "; ask "
          + (platform ? "another platform engineer" : "another member of the team")
          + " to run: paved changes approve "
          + id
          + "; then: paved changes merge "
          + id;
    }
  }

  /** Nothing but a merge by hand (the environment does not merge by itself). */
  record Merge(String id, List<String> envs) implements Waiting {
    public Merge {
      envs = List.copyOf(envs);
    }

    @Override
    public String message() {
      return "a merge by hand, nothing else"
          + (envs.isEmpty() ? "" : " (autoMerge is off in " + String.join(", ", envs) + ")")
          + ": run paved changes merge "
          + id;
    }
  }
}
