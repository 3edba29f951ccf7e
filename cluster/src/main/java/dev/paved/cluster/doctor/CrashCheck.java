package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Containers that exit: the cause is in the previous log, the termination message or the exit
 * reason, never in the {@code CrashLoopBackOff} waiting reason (§6). ML log lines win over OOM and
 * probe kills, which win over a plain crash loop.
 */
final class CrashCheck {

  /** A restart older than this, of a container that runs again, is history, not a problem. */
  private static final Duration RECENT = Duration.ofMinutes(15);

  private CrashCheck() {}

  static boolean crashing(ClusterState state, ContainerView container) {
    if ("CrashLoopBackOff".equals(container.waitingReason())) {
      return true;
    }
    Optional<JsonNode> done = container.terminated();
    if (done.isPresent()) {
      return Json.integer(done.get(), 0, "exitCode") != 0;
    }
    if (container.restarts() == 0 || container.lastTerminated().isEmpty()) {
      return false;
    }
    Instant finished =
        Json.time(container.lastTerminated().get(), "finishedAt").orElse(Instant.EPOCH);
    return state.age(finished).compareTo(RECENT) < 0;
  }

  static Optional<Finding> check(ClusterState state, JsonNode pod, ContainerView container) {
    if (!crashing(state, container)) {
      return Optional.empty();
    }
    Optional<JsonNode> exit = container.latestExit();
    List<String> evidence = new ArrayList<>();
    evidence.add(
        "Pod "
            + Json.name(pod)
            + ": "
            + exit.map(container::describeExit)
                .orElse("container " + container.name() + " is crashing")
            + (container.restarts() > 0 ? ", " + container.restarts() + " restarts" : ""));
    String text = texts(state, pod, container, exit);
    Optional<LogSignals.Match> signal = LogSignals.match(text);
    if (signal.isPresent()) {
      return Optional.of(
          MlFindings.of(signal.get(), pod, container)
              .withEvidence(evidence)
              .withEvidence("log " + container.name() + ": " + signal.get().line()));
    }
    String reason = exit.map(e -> Json.text(e, "reason")).orElse("");
    if ("OOMKilled".equals(reason)) {
      return Optional.of(Resources.oomKilled(pod, container).withEvidence(evidence));
    }
    Optional<EventView> probeKill = probeKill(state, pod);
    if (probeKill.isPresent()) {
      return Optional.of(Probes.restarts(pod, container, probeKill.get()).withEvidence(evidence));
    }
    Finding crash =
        Finding.of(
            Code.CRASH_LOOP,
            Json.ref(pod),
            "The container "
                + container.name()
                + " keeps exiting with an error"
                + (reason.isEmpty() ? "." : " (" + reason + ")."),
            "Read the previous log (paved logs APP --previous, or kubectl logs --previous) for the"
                + " error and fix the code or its configuration; the evidence shows its last lines.");
    Optional<java.util.Map.Entry<String, String>> hint = LogSignals.crashHint(text);
    if (hint.isPresent()) {
      crash =
          new Finding(
              crash.code(),
              crash.severity(),
              crash.object(),
              crash.summary(),
              crash.evidence(),
              hint.get().getValue(),
              crash.specPatch(),
              crash.app());
      evidence.add("log " + container.name() + ": " + hint.get().getKey());
    } else {
      lastLines(text).ifPresent(line -> evidence.add("log " + container.name() + ": " + line));
    }
    return Optional.of(crash.withEvidence(evidence));
  }

  private static String texts(
      ClusterState state, JsonNode pod, ContainerView container, Optional<JsonNode> exit) {
    StringBuilder text = new StringBuilder();
    state.log(pod, container.name(), true).ifPresent(l -> text.append(l).append('\n'));
    state.log(pod, container.name(), false).ifPresent(l -> text.append(l).append('\n'));
    container.lastTerminated().ifPresent(t -> text.append(Json.text(t, "message")).append('\n'));
    container.terminated().ifPresent(t -> text.append(Json.text(t, "message")).append('\n'));
    return text.toString();
  }

  private static Optional<EventView> probeKill(ClusterState state, JsonNode pod) {
    return state.eventsOf(pod).stream()
        .filter(
            e ->
                ("Killing".equals(e.reason())
                        && (e.message().contains("failed liveness probe")
                            || e.message().contains("failed startup probe")))
                    || ("Unhealthy".equals(e.reason())
                        && (e.message().startsWith("Liveness probe")
                            || e.message().startsWith("Startup probe"))))
        .reduce((a, b) -> "Killing".equals(b.reason()) || !"Killing".equals(a.reason()) ? b : a);
  }

  /** The last non-blank log line that looks like an error, for a plain crash's evidence. */
  private static Optional<String> lastLines(String text) {
    List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (line.matches("(?i).*(error|exception|fatal|failed|refused|denied|not found).*")) {
        return Optional.of(Texts.shorten(line, 300));
      }
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of(Texts.shorten(lines.getLast(), 300));
  }
}
