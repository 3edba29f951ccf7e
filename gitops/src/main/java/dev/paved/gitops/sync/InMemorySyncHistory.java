package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SyncHistory} in memory, bounded per app. Thread-safe. */
public final class InMemorySyncHistory implements SyncHistory {

  private static final int KEEP = 200;

  private final Map<Deployment, List<SyncRun>> runs = new ConcurrentHashMap<>();
  private final Map<String, String> synced = new ConcurrentHashMap<>();

  @Override
  public void record(SyncRun run) {
    runs.compute(
        run.deployment(),
        (key, list) -> {
          List<SyncRun> next = new ArrayList<>();
          next.add(run);
          if (list != null) {
            next.addAll(list.subList(0, Math.min(list.size(), KEEP - 1)));
          }
          return List.copyOf(next);
        });
  }

  @Override
  public List<SyncRun> runs(Deployment deployment) {
    return runs.getOrDefault(deployment, List.of());
  }

  @Override
  public Map<Deployment, SyncRun> latest() {
    Map<Deployment, SyncRun> latest = new java.util.HashMap<>();
    runs.forEach((deployment, list) -> latest.put(deployment, list.getFirst()));
    return latest;
  }

  @Override
  public Optional<String> lastSynced(String env) {
    return Optional.ofNullable(synced.get(env));
  }

  @Override
  public void markSynced(String env, String revision) {
    synced.put(env, revision);
  }
}
