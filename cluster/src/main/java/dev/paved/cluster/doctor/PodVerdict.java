package dev.paved.cluster.doctor;

import java.util.List;

/** What the doctor concludes about one pod. */
sealed interface PodVerdict {

  /** Nothing wrong, or nothing wrong yet (still starting, queued, scaling up). */
  record Fine() implements PodVerdict {}

  /** One or more root causes. */
  record Problems(List<Finding> findings) implements PodVerdict {
    public Problems {
      findings = List.copyOf(findings);
    }
  }

  /** Not well, but no code of its own; the evidence may explain a stuck rollout. */
  record Unexplained(List<String> evidence) implements PodVerdict {
    public Unexplained {
      evidence = List.copyOf(evidence);
    }
  }

  static PodVerdict of(Finding finding) {
    return new Problems(List.of(finding));
  }
}
