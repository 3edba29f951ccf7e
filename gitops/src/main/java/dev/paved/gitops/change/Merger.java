package dev.paved.gitops.change;

import dev.paved.gitops.render.RenderedRepo;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.FileChange;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;

/** Decides what merging a change onto main's tip would write, or why it must not. */
final class Merger {

  private final GitRepository repo;
  private final RepoRenderer renderer;

  Merger(GitRepository repo, RepoRenderer renderer) {
    this.repo = repo;
    this.renderer = renderer;
  }

  sealed interface Plan {
    record Commit(RepoFiles files) implements Plan {}

    record Refuse(MergeOutcome.Refused outcome) implements Plan {}
  }

  Plan plan(ChangeRequest change, ObjectId tip) {
    RepoFiles base = repo.read(ObjectId.fromString(change.base()));
    RepoFiles head = repo.read(ObjectId.fromString(change.head()));
    RepoFiles composed = head;
    if (!tip.name().equals(change.base())) {
      RepoFiles main = repo.read(tip);
      List<FileChange> ours = head.changesSince(base);
      Set<String> theirs =
          main.changesSince(base).stream().map(FileChange::path).collect(Collectors.toSet());
      Set<String> clash = new TreeSet<>();
      ours.stream().map(FileChange::path).filter(theirs::contains).forEach(clash::add);
      if (!clash.isEmpty()) {
        return refuse(
            "main changed the same files since "
                + change.id()
                + " was checked; recheck it on the new main and review again",
            clash);
      }
      composed = main;
      for (FileChange file : ours) {
        composed =
            file.after().isPresent()
                ? composed.with(file.path(), file.after().get())
                : composed.without(file.path());
      }
    }
    RenderedRepo rendered =
        renderer.render(RepoRenderer.intentPart(composed), RepoRenderer.deploymentsIn(composed));
    Set<String> stale = new TreeSet<>();
    rendered
        .files()
        .changesSince(RepoRenderer.generatedPart(composed))
        .forEach(f -> stale.add(f.path()));
    if (!stale.isEmpty()) {
      return refuse(
          "on the newest main "
              + change.id()
              + " renders differently from what was checked; recheck it",
          stale);
    }
    ChangeChecks checks =
        ChangeChecker.check(renderer, base, rendered, RepoRenderer.intentPart(composed));
    if (!rendered.problems().isEmpty()) {
      return refuse(
          "a deployment does not render: "
              + rendered.problems().getFirst().deployment()
              + ": "
              + rendered.problems().getFirst().message(),
          Set.of());
    }
    if (checks.blocking()) {
      return refuse("a blocking policy finding stops the merge; see the change's checks", Set.of());
    }
    return new Plan.Commit(composed);
  }

  private static Plan refuse(String reason, Set<String> files) {
    return new Plan.Refuse(new MergeOutcome.Refused(reason, List.copyOf(files), false));
  }
}
