package dev.paved.cli;

import dev.paved.gitops.sync.SyncRun;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code paved up} says about a sync run: one line for a run that changed something or did not
 * succeed; nothing for a periodic check that found everything as it should be.
 */
final class SyncReport {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private SyncReport() {}

  static Optional<String> line(SyncRun run) {
    Map<SyncRun.Outcome, Integer> counts = new TreeMap<>();
    run.objects().forEach(o -> counts.merge(o.outcome(), 1, Integer::sum));
    boolean quiet =
        run.status() == SyncRun.Status.SYNCED
            && counts.keySet().stream().allMatch(o -> o == SyncRun.Outcome.UNCHANGED);
    if (quiet) {
      return Optional.empty();
    }
    String when = TIME.format(run.started().plus(run.took()));
    String what =
        run.deployment()
            + " at "
            + run.revision().substring(0, Math.min(12, run.revision().length()));
    return Optional.of(
        switch (run.status()) {
          case SYNCED -> when + " synced " + what + ": " + summary(counts);
          case REMOVED -> when + " removed " + what + ": " + run.message();
          case HANDED_OFF -> when + " handed " + what + " to Argo CD";
          case FAILED, BLOCKED ->
              when
                  + " sync of "
                  + what
                  + " "
                  + run.status().name()
                  + ": "
                  + run.message()
                  + " (paved status "
                  + run.deployment().app().app()
                  + ")";
        });
  }

  private static String summary(Map<SyncRun.Outcome, Integer> counts) {
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (outcome, n) -> {
          if (outcome != SyncRun.Outcome.UNCHANGED) {
            text.append(text.isEmpty() ? "" : ", ")
                .append(n)
                .append(' ')
                .append(outcome.name().toLowerCase(java.util.Locale.ROOT));
          }
        });
    return text.isEmpty() ? "nothing to change" : text.toString();
  }
}
