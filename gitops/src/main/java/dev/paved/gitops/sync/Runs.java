package dev.paved.gitops.sync;

import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.sync.AppSyncResult;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link SyncRun}s as the history keeps them: one per app and sync, from what the cluster did. */
final class Runs {

  private Runs() {}

  /** A run that started at {@code started} and ends now. */
  static SyncRun run(
      Deployment deployment,
      String revision,
      Trigger trigger,
      Instant started,
      SyncRun.Status status,
      List<SyncRun.ObjectResult> objects,
      String message) {
    return new SyncRun(
        deployment,
        revision,
        trigger,
        started,
        Duration.between(started, Instant.now()),
        status,
        objects,
        message);
  }

  /** The run of one app's sync: synced or failed, each object's outcome, a one-line message. */
  static SyncRun synced(
      Deployment deployment,
      String revision,
      Trigger trigger,
      Instant started,
      AppSyncResult result) {
    List<SyncRun.ObjectResult> outcomes = objects(result);
    boolean ok =
        result.succeeded()
            && outcomes.stream().noneMatch(o -> o.outcome() == SyncRun.Outcome.FAILED);
    return run(
        deployment,
        revision,
        trigger,
        started,
        ok ? SyncRun.Status.SYNCED : SyncRun.Status.FAILED,
        outcomes,
        message(result));
  }

  private static String message(AppSyncResult result) {
    List<String> parts = new ArrayList<>();
    result.result().failures().forEach(f -> parts.add(f.ref() + ": " + f.reason()));
    switch (result.result().pruned()) {
      case PruneResult.Pruned p when !p.deleted().isEmpty() -> parts.add("pruned " + p.deleted());
      case PruneResult.Refused r -> parts.add("prune refused: " + r.reason());
      default -> {}
    }
    if (!result.healed().isEmpty()) {
      parts.add("healed " + result.healed().stream().map(ApplyOutcome::ref).toList());
    }
    return parts.isEmpty() ? "synced" : String.join("; ", parts);
  }

  private static List<SyncRun.ObjectResult> objects(AppSyncResult result) {
    List<SyncRun.ObjectResult> objects = new ArrayList<>();
    result.namespace().stream()
        .filter(ApplyOutcome.Failed.class::isInstance)
        .forEach(o -> objects.add(object(o, false)));
    Set<ObjectRef> healed = new HashSet<>(result.healed().stream().map(ApplyOutcome::ref).toList());
    result.result().applied().forEach(o -> objects.add(object(o, healed.contains(o.ref()))));
    objects.addAll(pruned(result.result().pruned()));
    return objects;
  }

  private static SyncRun.ObjectResult object(ApplyOutcome outcome, boolean healed) {
    String object = outcome.ref().toString();
    return switch (outcome) {
      case ApplyOutcome.Created c -> new SyncRun.ObjectResult(object, SyncRun.Outcome.CREATED, "");
      case ApplyOutcome.Configured c ->
          new SyncRun.ObjectResult(
              object,
              c.replaced() ? SyncRun.Outcome.REPLACED : SyncRun.Outcome.CONFIGURED,
              c.replaced() ? "immutable field changed: deleted and created" : "");
      case ApplyOutcome.Unchanged u ->
          healed
              ? new SyncRun.ObjectResult(object, SyncRun.Outcome.HEALED, "drifted fields set back")
              : new SyncRun.ObjectResult(object, SyncRun.Outcome.UNCHANGED, "");
      case ApplyOutcome.Failed f ->
          new SyncRun.ObjectResult(
              object, SyncRun.Outcome.FAILED, f.reason() + (f.retryable() ? " (retried)" : ""));
    };
  }

  /** The objects a prune deleted or kept. */
  static List<SyncRun.ObjectResult> pruned(PruneResult result) {
    List<SyncRun.ObjectResult> objects = new ArrayList<>();
    switch (result) {
      case PruneResult.Pruned p -> {
        p.deleted()
            .forEach(
                r ->
                    objects.add(
                        new SyncRun.ObjectResult(
                            r.toString(), SyncRun.Outcome.DELETED, "left main")));
        p.kept()
            .forEach(
                r ->
                    objects.add(
                        new SyncRun.ObjectResult(
                            r.toString(),
                            SyncRun.Outcome.KEPT,
                            "marked paved.dev/prune: \"false\"")));
      }
      case PruneResult.Refused r ->
          r.deletedBeforeTheError()
              .forEach(
                  d ->
                      objects.add(
                          new SyncRun.ObjectResult(
                              d.toString(), SyncRun.Outcome.DELETED, "left main")));
      case PruneResult.Skipped s -> {}
    }
    return objects;
  }
}
