package dev.paved.cluster.health;

import dev.paved.core.rendered.Tree;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Health of Deployments, StatefulSets, DaemonSets, Jobs and CronJobs. */
final class WorkloadHealth {

  private WorkloadHealth() {}

  /** The controller has not seen the latest spec yet: nothing it reports is about that spec. */
  static Optional<Health> notObserved(Map<String, Object> object) {
    long generation = Tree.number(Tree.map(object, "metadata"), "generation").orElse(0L);
    long observed = Tree.number(Tree.map(object, "status"), "observedGeneration").orElse(0L);
    return generation > observed
        ? Optional.of(
            Health.progressing("waiting for the controller to see generation " + generation))
        : Optional.empty();
  }

  static Health deployment(Map<String, Object> d) {
    Map<String, Object> spec = Tree.map(d, "spec");
    Map<String, Object> status = Tree.map(d, "status");
    if (Tree.isTrue(spec, "paused")) {
      return Health.suspended("the rollout is paused");
    }
    Optional<Health> pending = notObserved(d);
    if (pending.isPresent()) {
      return pending.get();
    }
    if (condition(status, "Progressing")
        .map(c -> "ProgressDeadlineExceeded".equals(c.get("reason")))
        .orElse(false)) {
      return Health.degraded("the rollout exceeded its progress deadline");
    }
    long desired = Tree.number(spec, "replicas").orElse(1L);
    long updated = Tree.number(status, "updatedReplicas").orElse(0L);
    long total = Tree.number(status, "replicas").orElse(0L);
    long available = Tree.number(status, "availableReplicas").orElse(0L);
    if (updated < desired) {
      return Health.progressing(updated + " of " + desired + " replicas updated");
    }
    if (total > updated) {
      return Health.progressing((total - updated) + " old replicas are terminating");
    }
    if (available < updated) {
      return Health.progressing(available + " of " + updated + " updated replicas available");
    }
    return Health.healthy(available + " of " + desired + " replicas available");
  }

  static Health statefulSet(Map<String, Object> s) {
    Optional<Health> pending = notObserved(s);
    if (pending.isPresent()) {
      return pending.get();
    }
    Map<String, Object> status = Tree.map(s, "status");
    long desired = Tree.number(Tree.map(s, "spec"), "replicas").orElse(1L);
    long ready = Tree.number(status, "readyReplicas").orElse(0L);
    long updated = Tree.number(status, "updatedReplicas").orElse(0L);
    String current = Tree.string(status, "currentRevision").orElse("");
    String update = Tree.string(status, "updateRevision").orElse("");
    if (updated < desired || !current.equals(update) && !update.isEmpty() && !current.isEmpty()) {
      return Health.progressing(updated + " of " + desired + " replicas updated");
    }
    if (ready < desired) {
      return Health.progressing(ready + " of " + desired + " replicas ready");
    }
    return Health.healthy(ready + " of " + desired + " replicas ready");
  }

  static Health daemonSet(Map<String, Object> d) {
    Optional<Health> pending = notObserved(d);
    if (pending.isPresent()) {
      return pending.get();
    }
    Map<String, Object> status = Tree.map(d, "status");
    long desired = Tree.number(status, "desiredNumberScheduled").orElse(0L);
    long updated = Tree.number(status, "updatedNumberScheduled").orElse(0L);
    long available = Tree.number(status, "numberAvailable").orElse(0L);
    if (updated < desired || available < desired) {
      return Health.progressing(available + " of " + desired + " pods available");
    }
    return Health.healthy(available + " of " + desired + " pods available");
  }

  static Health job(Map<String, Object> j) {
    Map<String, Object> status = Tree.map(j, "status");
    Optional<Map<String, Object>> failed =
        condition(status, "Failed").filter(c -> "True".equals(c.get("status")));
    if (failed.isPresent()) {
      return Health.degraded(
          "the job failed: "
              + failed.get().getOrDefault("reason", "")
              + " "
              + failed.get().getOrDefault("message", ""));
    }
    if (condition(status, "Complete").map(c -> "True".equals(c.get("status"))).orElse(false)) {
      return Health.healthy("the job completed");
    }
    if (Tree.isTrue(Tree.map(j, "spec"), "suspend")) {
      boolean queued =
          Tree.stringMap(Tree.map(j, "metadata"), "labels")
              .containsKey("kueue.x-k8s.io/queue-name");
      return Health.suspended(
          queued ? "queued: waiting for Kueue to admit it" : "the job is suspended");
    }
    long active = Tree.number(status, "active").orElse(0L);
    long succeeded = Tree.number(status, "succeeded").orElse(0L);
    return Health.progressing(active + " pods running, " + succeeded + " succeeded");
  }

  static Health cronJob(Map<String, Object> c) {
    return Tree.isTrue(Tree.map(c, "spec"), "suspend")
        ? Health.suspended("the schedule is suspended")
        : Health.healthy("scheduled");
  }

  @SuppressWarnings("unchecked")
  static Optional<Map<String, Object>> condition(Map<String, Object> status, String type) {
    Object conditions = status.get("conditions");
    if (!(conditions instanceof List<?> list)) {
      return Optional.empty();
    }
    return list.stream()
        .filter(Map.class::isInstance)
        .map(c -> (Map<String, Object>) c)
        .filter(c -> type.equals(c.get("type")))
        .findFirst();
  }
}
