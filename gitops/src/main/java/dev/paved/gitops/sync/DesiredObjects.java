package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deployment's desired objects, parsed from its rendered files and kept until those files change:
 * status and sync state are read for every app every second, and a deployment's files rarely
 * change. Thread-safe; at most {@value #MAX} deployments are kept.
 */
final class DesiredObjects {

  private static final int MAX = 50_000;

  private record Known(SortedMap<String, String> files, List<Map<String, Object>> objects) {}

  private final Map<Deployment, Known> known = new ConcurrentHashMap<>();

  /**
   * @throws dev.paved.core.error.PavedException when the files cannot be read as objects
   */
  List<Map<String, Object>> of(RepoFiles files, Deployment deployment) {
    SortedMap<String, String> folder =
        files.under(
            RepoLayout.deployFolder(
                deployment.env(), deployment.app().team(), deployment.app().app()));
    Known last = known.get(deployment);
    if (last != null && last.files().equals(folder)) {
      return last.objects();
    }
    List<Map<String, Object>> objects = DeployedObjects.of(files, deployment);
    if (known.size() > MAX) {
      known.clear();
    }
    known.put(deployment, new Known(folder, objects));
    return objects;
  }
}
