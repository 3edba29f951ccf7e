package dev.paved.server.platform;

import dev.paved.core.platform.Platform;
import dev.paved.core.target.ClusterRef;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Main as the server reads it: the files and the platform of its newest commit, each read or built
 * once per commit however many requests ask at once (a commit's files never change). Thread-safe.
 */
final class MainSnapshot {

  /** Main's files at one commit. */
  private record Files(ObjectId commit, RepoFiles files) {}

  /** The platform of one commit, once it was built (one that fails to build is not kept). */
  private record Built(ObjectId commit, Platform platform) {}

  private final GitRepository repo;
  private final RepoRenderer renderer;
  private final Object mainRead = new Object();
  private final Object platformBuild = new Object();
  private volatile Optional<Files> lastMain = Optional.empty();
  private volatile Optional<Built> lastPlatform = Optional.empty();

  MainSnapshot(GitRepository repo, RepoRenderer renderer) {
    this.repo = repo;
    this.renderer = renderer;
  }

  /** The files on main now. */
  RepoFiles files() {
    return current().map(Files::files).orElse(RepoFiles.empty());
  }

  /** The platform (paths, targets, teams, policies) of main now. */
  Platform platform() {
    Optional<Files> main = current();
    Optional<Built> last = lastPlatform;
    if (main.isPresent() && last.isPresent() && last.get().commit().equals(main.get().commit())) {
      return last.get().platform();
    }
    synchronized (platformBuild) { // many requests after a merge: one builds, the others wait
      Optional<Built> built = lastPlatform;
      if (main.isPresent()
          && built.isPresent()
          && built.get().commit().equals(main.get().commit())) {
        return built.get().platform();
      }
      RepoFiles files = main.map(Files::files).orElse(RepoFiles.empty());
      Platform platform = renderer.platforms().of(files);
      main.ifPresent(m -> lastPlatform = Optional.of(new Built(m.commit(), platform)));
      return platform;
    }
  }

  /**
   * What the server asks of main on every connection lookup and every app's view, worked out once
   * per commit: reading it again each time scanned every file of main per app (the scale run's
   * server took 174 s instead of 25 s to show 1,000 apps synced).
   */
  private record Derived(
      ObjectId commit, Set<String> environments, Map<String, ClusterRef> clustersOfTargets) {}

  private volatile Optional<Derived> lastDerived = Optional.empty();

  /** The environments main names: its rules and every environment an app is deployed to. */
  Set<String> environments() {
    return derived().environments();
  }

  /** The targets that some environment syncs to. */
  List<String> syncedTargets() {
    return List.copyOf(derived().clustersOfTargets().keySet());
  }

  /** The cluster each target that an environment syncs to names, by target. */
  Map<String, ClusterRef> clustersOfTargets() {
    return derived().clustersOfTargets();
  }

  private Derived derived() {
    Optional<Files> main = current();
    Optional<Derived> last = lastDerived;
    if (main.isPresent() && last.isPresent() && last.get().commit().equals(main.get().commit())) {
      return last.get();
    }
    RepoFiles files = main.map(Files::files).orElse(RepoFiles.empty());
    Set<String> envs = new TreeSet<>(RepoRenderer.environmentsOf(files).rules().keySet());
    RepoRenderer.deploymentsIn(files).forEach(d -> envs.add(d.env()));
    Platform platform = platform();
    Map<String, ClusterRef> named = new TreeMap<>();
    for (String env : envs) {
      String target = platform.targetFor(env).name();
      Optional.ofNullable(platform.targets().get(target))
          .ifPresent(t -> named.put(target, t.cluster()));
    }
    Derived derived =
        new Derived(
            main.map(Files::commit).orElse(ObjectId.zeroId()),
            java.util.Collections.unmodifiableSet(envs),
            java.util.Collections.unmodifiableMap(named));
    if (main.isPresent()) {
      lastDerived = Optional.of(derived);
    }
    return derived;
  }

  private Optional<Files> current() {
    Optional<ObjectId> head = repo.resolve(GitRepository.MAIN);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Optional<Files> last = lastMain;
    if (last.isPresent() && last.get().commit().equals(head.get())) {
      return last;
    }
    synchronized (mainRead) { // one read of a new commit, however many requests ask at once
      Optional<Files> read = lastMain;
      if (read.isPresent() && read.get().commit().equals(head.get())) {
        return read;
      }
      Optional<Files> fresh = Optional.of(new Files(head.get(), repo.read(head.get())));
      lastMain = fresh;
      return fresh;
    }
  }
}
