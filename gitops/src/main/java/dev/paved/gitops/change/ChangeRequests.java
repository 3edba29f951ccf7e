package dev.paved.gitops.change;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotAllowedException;
import dev.paved.core.error.NotFoundException;
import dev.paved.core.error.PavedException;
import dev.paved.gitops.env.Environments;
import dev.paved.gitops.render.RenderProblem;
import dev.paved.gitops.render.RenderedRepo;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Change requests on one platform repository: open, approve, merge, close, recheck, roll back.
 * Every state lives in Git (branches and record refs), every main update is a compare-and-swap, so
 * many threads or processes can merge at once without losing a commit. Thread-safe.
 */
public final class ChangeRequests {

  private static final int MERGE_ATTEMPTS = 200;

  private final GitRepository repo;
  private final RecordStore records;
  private final RepoRenderer renderer;
  private final List<Consumer<String>> mergeListeners = new CopyOnWriteArrayList<>();
  private final SecureRandom random = new SecureRandom();

  public ChangeRequests(GitRepository repo, String repoUrl) {
    this.repo = repo;
    this.records = new RecordStore(repo);
    this.renderer = new RepoRenderer(repoUrl);
  }

  /** Calls {@code listener} with the new main commit after every merge (e.g. to trigger a sync). */
  public void onMerge(Consumer<String> listener) {
    mergeListeners.add(listener);
  }

  /**
   * Opens a change: applies the intents to main, re-renders every deployment, computes the checks
   * and, when every affected environment auto-merges and nothing blocks, merges it.
   *
   * @throws InvalidInputException when an intent is invalid or the change changes nothing
   * @throws NotAllowedException when the actor may not make one of the intents
   */
  public Opened open(Actor actor, String title, List<Intent> intents) {
    if (title.isBlank()) {
      throw new InvalidInputException("a change needs a title", "say in one line what it does");
    }
    ObjectId base = requireMain();
    RepoFiles baseFiles = repo.read(base);
    Prepared prepared = prepare(title, baseFiles, intents, actor);
    String id = "cr-" + HexFormat.of().formatHex(random.generateSeed(4));
    ObjectId head =
        repo.commit(List.of(base), prepared.files(), title + "\n\nChange-Id: " + id, actor.name());
    ChangeRequest change =
        new ChangeRequest(
            id,
            title,
            actor.name(),
            ChangeState.OPEN,
            base.name(),
            head.name(),
            intents,
            envsOf(prepared.checks()),
            List.of(),
            Instant.now(),
            Optional.empty(),
            prepared.checks().blockedBecause());
    repo.moveRef(change.branch(), Optional.empty(), head, "open " + id);
    records.save(Optional.empty(), change, "opened", actor.name());
    Optional<MergeOutcome> auto = Optional.empty();
    if (autoMerges(change, prepared.checks(), RepoRenderer.environmentsOf(baseFiles))) {
      auto = Optional.of(merge(change.id(), actor));
    }
    return new Opened(require(id), prepared.checks(), auto);
  }

  /** A revision with intents applied, rendered, checked. */
  private record Prepared(RepoFiles files, ChangeChecks checks) {}

  /**
   * Applies, renders and checks the intents on {@code baseFiles}. Secret-shaped values are refused
   * first in what the user wrote (its own line and column), then in what that renders to.
   */
  private Prepared prepare(String title, RepoFiles baseFiles, List<Intent> intents, Actor actor) {
    Draft draft = Draft.apply(baseFiles, intents, actor, renderer.platforms());
    SecretGuard.refuseSecrets(title, RepoRenderer.intentPart(baseFiles), draft.intent());
    RenderedRepo rendered = renderer.render(draft.intent(), draft.deployments());
    rendered.problems().stream()
        .filter(p -> draft.requested().contains(p.deployment()))
        .findFirst()
        .ifPresent(
            p -> {
              throw doesNotRender(p);
            });
    ChangeChecks checks = ChangeChecker.check(renderer, baseFiles, rendered, draft.intent());
    RepoFiles files = draft.intent().overlay(rendered.files());
    SecretGuard.refuseSecrets("", baseFiles, files);
    if (files.equals(baseFiles)) {
      throw new InvalidInputException(
          "the change changes nothing: main already holds exactly this",
          "edit the spec or platform file before opening a change");
    }
    return new Prepared(files, checks);
  }

  /**
   * A deployment the change asks for that does not render can never merge as it is: refused with
   * the spec's own error (file, line, column, hint), so nothing is opened.
   */
  private static PavedException doesNotRender(RenderProblem problem) {
    String what = problem.deployment() + " does not render: ";
    if (problem.error().isEmpty()) {
      return new InvalidInputException(what + problem.message(), "fix the spec");
    }
    PavedException error = problem.error().get();
    return error instanceof InvalidInputException invalid
        ? new InvalidInputException(
            what + invalid.getMessage(), invalid.location(), invalid.hint(), invalid)
        : error;
  }

  private static List<String> envsOf(ChangeChecks checks) {
    return checks.affected().stream().map(RepoLayout.Deployment::env).distinct().sorted().toList();
  }

  private static boolean autoMerges(ChangeRequest change, ChangeChecks checks, Environments rules) {
    return !checks.blocking()
        && !change.envs().isEmpty()
        && !ApprovalRule.touchesPlatform(change)
        && change.envs().stream().map(rules::of).allMatch(r -> r.autoMerge() && r.approvals() == 0);
  }

  /**
   * What an open change waits for before it can merge: a fix (it is blocked), approvals (how many,
   * under which rule), or only a merge by hand. Empty for a finished change.
   */
  public Optional<Waiting> waitingFor(String id) {
    ChangeRequest change = require(id);
    if (change.state().finished()) {
      return Optional.empty();
    }
    if (change.blocked().isPresent()) {
      return Optional.of(new Waiting.Fix(id, change.blocked().get()));
    }
    Environments main = RepoRenderer.environmentsOf(repo.read(requireMain()));
    Environments next = RepoRenderer.environmentsOf(repo.read(ObjectId.fromString(change.head())));
    ApprovalRule rule = ApprovalRule.of(change, main, next);
    long given = change.approvals().stream().filter(a -> !a.equals(change.author())).count();
    if (given < rule.count()) {
      return Optional.of(
          new Waiting.Approvals(id, rule.why(), given, ApprovalRule.touchesPlatform(change)));
    }
    return Optional.of(new Waiting.Merge(id, change.envs()));
  }

  public ChangeRequest require(String id) {
    return records
        .find(id)
        .orElseThrow(
            () ->
                new NotFoundException("no change request " + id, "list them with `paved changes`"));
  }

  public List<ChangeRequest> list() {
    return records.all();
  }

  /**
   * Checks of lately shown changes, by base and head: both commits are immutable, so the checks of
   * the same pair never change (a change page and its sync progress ask for them again and again).
   */
  private final java.util.Map<String, ChangeChecks> checked =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, ChangeChecks> eldest) {
              return size() > 32;
            }
          });

  /** The checks of a change as they stand against its base (kept for the same base and head). */
  public ChangeChecks checks(String id) {
    ChangeRequest change = require(id);
    String key = change.base() + ".." + change.head();
    ChangeChecks known = checked.get(key);
    if (known != null) {
      return known;
    }
    ChangeChecks fresh = checksOf(change);
    checked.put(key, fresh);
    return fresh;
  }

  private ChangeChecks checksOf(ChangeRequest change) {
    RepoFiles baseFiles = repo.read(ObjectId.fromString(change.base()));
    RepoFiles headFiles = repo.read(ObjectId.fromString(change.head()));
    RepoFiles intent = RepoRenderer.intentPart(headFiles);
    RenderedRepo rendered = renderer.render(intent, RepoRenderer.deploymentsIn(headFiles));
    return ChangeChecker.check(renderer, baseFiles, rendered, intent);
  }

  /**
   * Approves a change.
   *
   * @throws NotAllowedException for the author's own change
   */
  public ChangeRequest approve(String id, Actor actor) {
    while (true) {
      ChangeRequest change = requireOpen(id);
      if (change.author().equals(actor.name())) {
        throw new NotAllowedException(
            actor.name() + " opened " + id + " and cannot approve it", "ask another member");
      }
      // an approver must be someone who could make the change: a team member or the platform role
      Draft.apply(
          repo.read(ObjectId.fromString(change.base())),
          change.intents(),
          actor,
          renderer.platforms());
      ChangeRequest approved = change.withApproval(actor.name());
      if (records.save(
          Optional.of(change), approved, "approved by " + actor.name(), actor.name())) {
        return approved;
      }
    }
  }

  public ChangeRequest close(String id, Actor actor) {
    while (true) {
      ChangeRequest change = requireOpen(id);
      if (!change.author().equals(actor.name()) && !actor.platform()) {
        throw new NotAllowedException(
            actor.name() + " may not close " + id, "only its author or a platform engineer can");
      }
      ChangeRequest closed = change.withState(ChangeState.CLOSED);
      if (records.save(Optional.of(change), closed, "closed by " + actor.name(), actor.name())) {
        return closed;
      }
    }
  }

  private ChangeRequest requireOpen(String id) {
    ChangeRequest change = require(id);
    if (change.state().finished()) {
      throw new InvalidInputException(
          id + " is " + change.state().name().toLowerCase(java.util.Locale.ROOT),
          "open a new change request");
    }
    return change;
  }

  /**
   * Merges a change into main: re-checked against the newest main, refused with the conflicting
   * files when main changed the same files since the change's base, or when it would now render
   * differently from what was checked; otherwise one commit holding intent and rendered output.
   */
  public MergeOutcome merge(String id, Actor actor) {
    ChangeRequest current = require(id);
    if (current.state() == ChangeState.MERGED) {
      return new MergeOutcome.Merged(current, current.merged().orElseThrow());
    }
    Optional<String> already = mergedOnMain(id);
    if (already.isPresent()) {
      // a process died after moving main and before updating the record: finish the record
      recordMerge(id, already.get(), actor);
      return new MergeOutcome.Merged(require(id), already.get());
    }
    Optional<MergeOutcome.Refused> broken = renderProblems(requireOpen(id), actor);
    if (broken.isPresent()) {
      return broken.get();
    }
    for (int attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
      ChangeRequest change = requireOpen(id);
      ObjectId tip = requireMain();
      Merger.Plan plan = new Merger(repo, renderer).plan(change, tip);
      if (plan instanceof Merger.Plan.Refuse refuse) {
        return refuse.outcome();
      }
      RepoFiles files = ((Merger.Plan.Commit) plan).files();
      Optional<MergeOutcome.Refused> approvals =
          missingApprovals(
              change,
              RepoRenderer.environmentsOf(repo.read(tip)),
              RepoRenderer.environmentsOf(files));
      if (approvals.isPresent()) {
        return approvals.get();
      }
      ObjectId merged =
          repo.commit(
              List.of(tip, ObjectId.fromString(change.head())),
              files,
              mergeMessage(change, actor),
              actor.name());
      if (!repo.moveRef(GitRepository.MAIN, Optional.of(tip), merged, "merge " + id)) {
        pause(attempt);
        continue;
      }
      recordMerge(change.id(), merged.name(), actor);
      mergeListeners.forEach(l -> l.accept(merged.name()));
      return new MergeOutcome.Merged(require(id), merged.name());
    }
    return new MergeOutcome.Refused(
        "main kept moving during " + MERGE_ATTEMPTS + " tries; merge again", List.of(), true);
  }

  /**
   * A deployment the change asks for that does not render has no files, so main alone cannot show
   * it is missing: the change's own draft is rendered to find it.
   */
  private Optional<MergeOutcome.Refused> renderProblems(ChangeRequest change, Actor actor) {
    Draft draft =
        Draft.apply(
            repo.read(ObjectId.fromString(change.base())),
            change.intents(),
            actor,
            renderer.platforms());
    List<dev.paved.gitops.render.RenderProblem> problems =
        renderer.render(draft.intent(), draft.deployments()).problems();
    return problems.stream()
        .findFirst()
        .map(
            p ->
                new MergeOutcome.Refused(
                    p.deployment() + " does not render: " + p.message(), List.of(), false));
  }

  /** The main commit that merged change {@code id}, among main's recent history. */
  private Optional<String> mergedOnMain(String id) {
    return repo.log(GitRepository.MAIN, 500).stream()
        .filter(c -> c.parents().size() == 2 && c.message().contains("Change-Id: " + id + "\n"))
        .map(dev.paved.gitops.repo.CommitInfo::id)
        .findFirst();
  }

  /** A short random pause after losing a race for main, so racing merges spread out. */
  private void pause(int attempt) {
    try {
      Thread.sleep(random.nextInt(5, 20 + Math.min(attempt, 10) * 5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void recordMerge(String id, String commit, Actor actor) {
    while (true) {
      ChangeRequest current = require(id);
      if (records.save(
          Optional.of(current), current.mergedAs(commit), "merged as " + commit, actor.name())) {
        return;
      }
    }
  }

  private static Optional<MergeOutcome.Refused> missingApprovals(
      ChangeRequest change, Environments main, Environments next) {
    long others = change.approvals().stream().filter(a -> !a.equals(change.author())).count();
    ApprovalRule rule = ApprovalRule.of(change, main, next);
    if (others >= rule.count()) {
      return Optional.empty();
    }
    return Optional.of(
        new MergeOutcome.Refused(
            rule.why() + "; " + change.id() + " has " + others, List.of(), false));
  }

  private static String mergeMessage(ChangeRequest change, Actor actor) {
    StringBuilder message = new StringBuilder(change.title()).append("\n\n");
    message.append("Change-Id: ").append(change.id()).append('\n');
    message.append("Author: ").append(change.author()).append('\n');
    change.approvals().forEach(a -> message.append("Approved-by: ").append(a).append('\n'));
    message.append("Merged-by: ").append(actor.name()).append('\n');
    change.intents().stream()
        .filter(i -> i instanceof Intent.RemoveApp remove && remove.delete())
        .map(Intent.RemoveApp.class::cast)
        .forEach(
            r ->
                message
                    .append(RepoLayout.DELETES_TRAILER)
                    .append(
                        new RepoLayout.Deployment(
                            r.env(), new RepoLayout.AppKey(r.team(), r.app())))
                    .append('\n'));
    return message.toString();
  }

  /**
   * Re-applies a change's intents on the newest main (after main moved or the platform changed) and
   * re-computes its checks. Approvals stay only when the rendered changes are the same.
   */
  public Opened recheck(String id, Actor actor) {
    while (true) {
      ChangeRequest change = requireOpen(id);
      ObjectId tip = requireMain();
      RepoFiles tipFiles = repo.read(tip);
      Prepared prepared = prepare(change.title(), tipFiles, change.intents(), actor);
      RepoFiles oldBase = repo.read(ObjectId.fromString(change.base()));
      RepoFiles oldHead = repo.read(ObjectId.fromString(change.head()));
      boolean same = oldHead.changesSince(oldBase).equals(prepared.files().changesSince(tipFiles));
      ObjectId head =
          repo.commit(
              List.of(tip),
              prepared.files(),
              change.title() + "\n\nChange-Id: " + id,
              actor.name());
      ChangeRequest rebased =
          change.rebased(
              tip.name(),
              head.name(),
              envsOf(prepared.checks()),
              same,
              prepared.checks().blockedBecause());
      if (!records.save(Optional.of(change), rebased, "rechecked on " + tip.name(), actor.name())) {
        continue;
      }
      repo.moveRef(
          change.branch(), Optional.of(ObjectId.fromString(change.head())), head, "recheck " + id);
      return new Opened(rebased, prepared.checks(), Optional.empty());
    }
  }

  /**
   * Opens a change that restores an app in one environment to what main held at {@code revision}:
   * its spec then (re-rendered by today's platform), or its removal when it was not deployed then.
   */
  public Opened rollback(Actor actor, RepoLayout.Deployment deployment, String revision) {
    ObjectId commit =
        repo.resolve(revision)
            .or(() -> parse(revision))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no revision " + revision, "pick one from the app's history"));
    RepoFiles then = repo.read(commit);
    String team = deployment.app().team();
    String app = deployment.app().app();
    boolean deployedThen = RepoRenderer.deploymentsIn(then).contains(deployment);
    List<Intent> intents = new ArrayList<>();
    if (deployedThen) {
      intents.add(
          new Intent.PutApp(
              then.find(RepoLayout.spec(team, app)).orElseThrow(), List.of(deployment.env())));
    } else {
      intents.add(new Intent.RemoveApp(team, app, deployment.env()));
    }
    return open(
        actor, "Roll back " + deployment + " to " + commit.name().substring(0, 12), intents);
  }

  private static Optional<ObjectId> parse(String revision) {
    return ObjectId.isId(revision) ? Optional.of(ObjectId.fromString(revision)) : Optional.empty();
  }

  private ObjectId requireMain() {
    return repo.resolve(GitRepository.MAIN)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "the repository has no main branch yet", "initialise it with `paved up`"));
  }
}
