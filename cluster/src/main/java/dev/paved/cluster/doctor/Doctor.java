package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Diagnoses a snapshot: one finding per root cause, on the object where it is best fixed (the
 * Deployment, Job or StatefulSet that owns failing pods; the claim, node or Service itself).
 * Symptoms (a crash loop, a stuck rollout, a failed Job, a Service without endpoints) are reported
 * only when no root cause explains them. Pure: the same snapshot gives the same diagnosis.
 */
public final class Doctor {

  private static final int EVIDENCE_LINES = 8;

  private Doctor() {}

  public static Diagnosis diagnose(Snapshot snapshot) {
    ClusterState state = new ClusterState(snapshot);
    Findings findings = new Findings(state);
    Map<String, List<String>> unexplained = new HashMap<>();
    for (JsonNode pod : state.all("Pod")) {
      JsonNode top = state.top(pod);
      switch (PodCheck.verdict(state, pod)) {
        case PodVerdict.Problems problems -> problems.findings().forEach(f -> findings.add(f, top));
        case PodVerdict.Unexplained u ->
            unexplained.computeIfAbsent(Json.uid(top), k -> new ArrayList<>()).addAll(u.evidence());
        case PodVerdict.Fine fine -> {}
      }
    }
    for (String kind : List.of("ReplicaSet", "Job", "StatefulSet", "DaemonSet")) {
      for (JsonNode controller : state.all(kind)) {
        Controllers.failedCreate(state, controller)
            .ifPresent(f -> findings.add(f, state.top(controller)));
      }
    }
    for (JsonNode job : state.all("Job")) {
      Controllers.job(job).ifPresent(f -> findings.addSymptom(f, job, List.of()));
    }
    for (JsonNode deployment : state.all("Deployment")) {
      Controllers.rollout(deployment)
          .ifPresent(
              f ->
                  findings.addSymptom(
                      f, deployment, unexplained.getOrDefault(Json.uid(deployment), List.of())));
    }
    for (JsonNode claim : state.all("PersistentVolumeClaim")) {
      Volumes.claim(state, claim).ifPresent(f -> findings.add(f, claim));
    }
    for (JsonNode service : state.all("Service")) {
      Services.check(state, service).ifPresent(f -> findings.add(f, service));
    }
    for (JsonNode hpa : state.all("HorizontalPodAutoscaler")) {
      Autoscalers.check(hpa).ifPresent(f -> findings.add(f, hpa));
    }
    for (String kind : SecretRefs.WORKLOADS) {
      for (JsonNode workload : state.all(kind)) {
        SecretRefs.check(state, workload).forEach(f -> findings.add(f, state.top(workload)));
      }
    }
    return new Diagnosis(findings.result(), state.now());
  }

  /** Findings merged by code and object, with the bookkeeping for root cause over symptom. */
  private static final class Findings {

    private final ClusterState state;
    private final Map<String, Finding> merged = new LinkedHashMap<>();
    private final Set<String> explained = new HashSet<>();
    private final Set<String> touched = new HashSet<>();

    Findings(ClusterState state) {
      this.state = state;
    }

    /** A root cause found on {@code source}'s pods or objects, placed on {@code top}. */
    void add(Finding finding, JsonNode top) {
      Finding placed =
          finding.object().startsWith("Pod/") || finding.object().startsWith("ReplicaSet/")
              ? finding.on(Json.ref(top), state.appOf(top))
              : finding.on(finding.object(), state.appOf(top));
      if (!placed.code().symptom()) {
        explained.add(Json.ref(top));
      }
      touched.add(Json.ref(top));
      merge(placed);
    }

    /** A symptom on a controller: kept only if no root cause is known for it. */
    void addSymptom(Finding finding, JsonNode controller, List<String> evidence) {
      String ref = Json.ref(controller);
      if (finding.code() == Code.ROLLOUT_STUCK && touched.contains(ref)) {
        return; // whatever its pods show is more specific than a stuck rollout
      }
      if (finding.code().symptom() && explained.contains(ref)) {
        return;
      }
      Finding placed = finding.on(ref, state.appOf(controller)).withEvidence(evidence);
      if (!finding.code().symptom()) {
        explained.add(ref);
        merged
            .entrySet()
            .removeIf(
                e -> e.getValue().object().equals(ref) && e.getValue().code() == Code.CRASH_LOOP);
      } else {
        Optional<Finding> crash =
            merged.values().stream()
                .filter(f -> f.object().equals(ref) && f.code() == Code.CRASH_LOOP)
                .findFirst();
        if (crash.isPresent()) {
          placed = placed.withEvidence(crash.get().evidence());
          merged.remove(key(crash.get()));
        }
      }
      merge(placed);
    }

    private void merge(Finding finding) {
      merged.merge(key(finding), finding, (a, b) -> a.withEvidence(b.evidence()));
    }

    private static String key(Finding finding) {
      return finding.code() + " " + finding.object();
    }

    List<Finding> result() {
      return merged.values().stream()
          .filter(f -> !f.code().symptom() || !explained.contains(f.object()))
          .map(Findings::trim)
          .sorted(
              Comparator.comparing(Finding::severity)
                  .thenComparing(Finding::code)
                  .thenComparing(Finding::object))
          .toList();
    }

    private static Finding trim(Finding finding) {
      if (finding.evidence().size() <= EVIDENCE_LINES) {
        return finding;
      }
      List<String> kept = new ArrayList<>(finding.evidence().subList(0, EVIDENCE_LINES - 1));
      kept.add("… and " + (finding.evidence().size() - EVIDENCE_LINES + 1) + " more");
      return new Finding(
          finding.code(),
          finding.severity(),
          finding.object(),
          finding.summary(),
          kept,
          finding.fix(),
          finding.specPatch(),
          finding.app());
    }
  }
}
