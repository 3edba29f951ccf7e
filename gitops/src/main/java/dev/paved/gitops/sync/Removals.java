package dev.paved.gitops.sync;

import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.CommitInfo;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The apps of one shard deployed at its last complete sync and gone from main since, and the ones
 * among them a merge asked to delete on purpose ({@link RepoLayout#DELETES_TRAILER}).
 */
final class Removals {

  /** How far back a sync looks for deletions it has not applied yet. */
  private static final int DELETIONS_LOOKBACK = 500;

  private final GitRepository repo;

  Removals(GitRepository repo) {
    this.repo = repo;
  }

  /** What {@code last} deployed to {@code env} that {@code current} no longer does. */
  record Gone(RepoFiles before, List<Deployment> apps, Set<String> deletedOnPurpose) {}

  Gone since(String last, String revision, String env, List<Deployment> current) {
    RepoFiles before = repo.read(ObjectId.fromString(last));
    List<Deployment> gone =
        RepoRenderer.deploymentsIn(before).stream()
            .filter(d -> d.env().equals(env) && !current.contains(d))
            .toList();
    return new Gone(before, gone, gone.isEmpty() ? Set.of() : deletedSince(last, revision));
  }

  private Set<String> deletedSince(String last, String revision) {
    Set<String> deleted = new HashSet<>();
    for (CommitInfo commit : repo.log(ObjectId.fromString(revision), DELETIONS_LOOKBACK)) {
      if (commit.id().equals(last)) {
        break;
      }
      commit
          .message()
          .lines()
          .filter(l -> l.startsWith(RepoLayout.DELETES_TRAILER))
          .forEach(l -> deleted.add(l.substring(RepoLayout.DELETES_TRAILER.length()).strip()));
    }
    return deleted;
  }
}
