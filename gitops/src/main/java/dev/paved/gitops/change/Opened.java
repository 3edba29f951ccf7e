package dev.paved.gitops.change;

import java.util.Optional;

/** A change just opened (or rechecked): its record, its checks, and the merge if it auto-merged. */
public record Opened(ChangeRequest change, ChangeChecks checks, Optional<MergeOutcome> autoMerge) {}
