package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pods the scheduler cannot place (§8). The message's wording changed between versions and its
 * counts mix reasons from unrelated nodes, so the answer comes from the nodes themselves: which
 * match the selector, which of those the pod tolerates, and what they can offer. The message is
 * read only for what the nodes cannot show (current usage, volumes).
 */
final class SchedulingCheck {

  private static final Pattern INSUFFICIENT = Pattern.compile("Insufficient ([\\w./-]+)");
  private static final Pattern PVC =
      Pattern.compile(
          "unbound immediate PersistentVolumeClaims|persistentvolumeclaim \"[^\"]+\" not found");

  private SchedulingCheck() {}

  static PodVerdict check(ClusterState state, JsonNode pod) {
    List<EventView> events = state.eventsOf(pod);
    String message =
        Optional.of(Json.text(Json.condition(pod, "PodScheduled"), "message"))
            .filter(m -> !m.isEmpty())
            .or(
                () ->
                    events.stream()
                        .filter(e -> "FailedScheduling".equals(e.reason()))
                        .map(EventView::message)
                        .reduce((a, b) -> b))
            .orElse("");
    String evidence =
        "Pod " + Json.name(pod) + ": Pending, unschedulable: " + Texts.shorten(message, 400);
    if (scalingUp(events)) {
      return new PodVerdict.Fine();
    }
    if (PVC.matcher(message).find()) {
      return PodVerdict.of(Volumes.unboundFor(state, pod).withEvidence(evidence));
    }
    List<JsonNode> nodes = state.all("Node");
    List<Finding> findings =
        nodes.isEmpty() ? fromText(pod, message) : fromNodes(state, pod, nodes, message);
    if (findings.isEmpty()) {
      return new PodVerdict.Unexplained(List.of(evidence));
    }
    return new PodVerdict.Problems(findings.stream().map(f -> f.withEvidence(evidence)).toList());
  }

  /** The autoscaler already asked for a node and has not given up since. */
  private static boolean scalingUp(List<EventView> events) {
    Optional<EventView> last =
        events.stream()
            .filter(
                e ->
                    Set.of("TriggeredScaleUp", "NotTriggerScaleUp", "Nominated")
                        .contains(e.reason()))
            .reduce((a, b) -> b);
    return last.isPresent() && !"NotTriggerScaleUp".equals(last.get().reason());
  }

  private static List<Finding> fromNodes(
      ClusterState state, JsonNode pod, List<JsonNode> nodes, String message) {
    List<JsonNode> matching = nodes.stream().filter(n -> NodeMatch.selects(pod, n)).toList();
    if (matching.isEmpty()) {
      return List.of(Placement.selectorMismatch(pod, nodes));
    }
    List<JsonNode> tolerated =
        matching.stream().filter(n -> NodeMatch.untolerated(pod, n).isEmpty()).toList();
    if (tolerated.isEmpty()) {
      return List.of(Placement.untolerated(pod, matching));
    }
    Map<String, BigDecimal> wants = Resources.requests(pod);
    for (Map.Entry<String, BigDecimal> want : wants.entrySet()) {
      if (!Resources.gpu(want.getKey()) || want.getValue().signum() == 0) {
        continue;
      }
      Optional<Finding> gpu =
          Placement.gpu(pod, want.getKey(), want.getValue(), matching, tolerated, message);
      if (gpu.isPresent()) {
        return List.of(gpu.get());
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (String resource : List.of("cpu", "memory")) {
      BigDecimal want = wants.getOrDefault(resource, BigDecimal.ZERO);
      BigDecimal most =
          tolerated.stream()
              .map(n -> Resources.allocatable(n).getOrDefault(resource, BigDecimal.ZERO))
              .max(BigDecimal::compareTo)
              .orElse(BigDecimal.ZERO);
      if (want.compareTo(most) > 0 && most.signum() > 0) {
        findings.add(
            Placement.exceedsEveryNode(
                pod,
                resource,
                want,
                most,
                "memory".equals(resource)
                    ? MemoryFit.best(state, pod, tolerated)
                    : Optional.empty()));
      }
    }
    if (!findings.isEmpty()) {
      return findings;
    }
    return fromText(pod, message);
  }

  private static List<Finding> fromText(JsonNode pod, String message) {
    String filters =
        message.contains("preemption:")
            ? message.substring(0, message.indexOf("preemption:"))
            : message;
    Set<Code> codes = new LinkedHashSet<>();
    Matcher insufficient = INSUFFICIENT.matcher(filters);
    while (insufficient.find()) {
      String resource = insufficient.group(1).replaceAll("[.,]+$", "");
      if (Resources.gpu(resource)) {
        codes.add(Code.INSUFFICIENT_GPU);
      } else if (resource.equals("cpu")) {
        codes.add(Code.INSUFFICIENT_CPU);
      } else if (resource.equals("memory")) {
        codes.add(Code.INSUFFICIENT_MEMORY);
      }
    }
    if (codes.isEmpty()
        && filters.matches(
            "(?s).*(didn't match Pod's node affinity/selector|didn't satisfy plugin\\(s\\) \\[NodeAffinity\\]).*")
        && !filters.matches("(?s).*(Insufficient|taint|anti-affinity|pod affinity|topology).*")) {
      codes.add(Code.NODE_SELECTOR_MISMATCH);
    }
    if (codes.isEmpty()
        && filters.contains("untolerated taint")
        && !filters.matches("(?s).*(Insufficient|anti-affinity|pod affinity|topology).*")) {
      codes.add(Code.UNTOLERATED_TAINT);
    }
    return codes.stream().map(code -> Placement.busy(pod, code)).toList();
  }
}
