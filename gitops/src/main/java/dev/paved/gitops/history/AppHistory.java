package dev.paved.gitops.history;

import dev.paved.gitops.repo.CommitInfo;
import dev.paved.gitops.repo.FileChange;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The revisions of one app in one environment, read from main's first-parent history: only the
 * commits that changed its rendered folder (not main's other commits), newest first, in pages.
 * Thread-safe.
 */
public final class AppHistory {

  /** One page of revisions and whether an older one follows. */
  public record Page(List<AppRevision> revisions, int page, boolean more) {
    public Page {
      revisions = List.copyOf(revisions);
    }
  }

  private static final Pattern CHANGE_ID = Pattern.compile("(?m)^Change-Id: (cr-[0-9a-f]+)$");
  private static final int SPEC_LINES = 6;

  private final GitRepository repo;

  public AppHistory(GitRepository repo) {
    this.repo = repo;
  }

  /** Page {@code page} (from 1) of {@code size} revisions, newest first. */
  public Page page(Deployment deployment, int page, int size) {
    List<CommitInfo> commits =
        repo.logOf(GitRepository.MAIN, folder(deployment), (page - 1) * size, size + 1);
    List<AppRevision> revisions = new ArrayList<>();
    for (CommitInfo commit : commits.subList(0, Math.min(size, commits.size()))) {
      revisions.add(revision(deployment, commit));
    }
    return new Page(revisions, page, commits.size() > size);
  }

  /**
   * The revision of the app that main's commit {@code at} deploys: the newest commit at or before
   * it that changed the app's folder.
   */
  public Optional<AppRevision> at(Deployment deployment, ObjectId at) {
    return repo.logOf(at, folder(deployment), 0, 1).stream()
        .findFirst()
        .map(c -> revision(deployment, c));
  }

  private AppRevision revision(Deployment deployment, CommitInfo commit) {
    RepoFiles after = repo.read(ObjectId.fromString(commit.id()));
    RepoFiles before =
        commit.parents().isEmpty()
            ? RepoFiles.empty()
            : repo.read(ObjectId.fromString(commit.parents().getFirst()));
    String folder = folder(deployment);
    long files =
        after.changesSince(before).stream().filter(c -> c.path().startsWith(folder)).count();
    String spec = RepoLayout.spec(deployment.app().team(), deployment.app().app());
    // a spec's first revision is all new: its lines say nothing the title does not
    List<String> specChanges =
        before.find(spec).isEmpty()
            ? List.of()
            : new FileChange(spec, before.find(spec), after.find(spec))
                .changedLines().stream().limit(SPEC_LINES).toList();
    Matcher change = CHANGE_ID.matcher(commit.message());
    return new AppRevision(
        commit.id(),
        commit.time(),
        commit.author(),
        commit.title(),
        change.find() ? Optional.of(change.group(1)) : Optional.empty(),
        specChanges,
        (int) files,
        after.under(folder).isEmpty());
  }

  private static String folder(Deployment deployment) {
    return RepoLayout.deployFolder(
        deployment.env(), deployment.app().team(), deployment.app().app());
  }
}
