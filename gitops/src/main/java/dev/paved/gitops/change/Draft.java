package dev.paved.gitops.change;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotAllowedException;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.Team;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.gitops.render.PlatformCache;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A revision's intent with a change's intents applied: the files and the deployments to render, and
 * among them the ones the change itself asks for. Checks that the actor may make each intent and
 * that every environment it names exists.
 */
record Draft(RepoFiles intent, Set<Deployment> deployments, Set<Deployment> requested) {

  static Draft apply(
      RepoFiles revision, List<Intent> intents, Actor actor, PlatformCache platforms) {
    RepoFiles intent = RepoRenderer.intentPart(revision);
    Set<Deployment> deployments =
        new TreeSet<>(java.util.Comparator.comparing(Deployment::toString));
    deployments.addAll(RepoRenderer.deploymentsIn(revision));
    Set<Deployment> requested = new TreeSet<>(java.util.Comparator.comparing(Deployment::toString));
    Platform platform = platforms.of(intent);
    for (Intent item : intents) {
      switch (item) {
        case Intent.PutApp put -> {
          AppSpec spec = new AppSpecParser().parse(RepoLayout.SPEC_FILE, put.spec());
          requireTeam(platform, actor, spec.team());
          if (put.envs().isEmpty()) {
            throw new InvalidInputException(
                "no environment given for " + spec.team() + "/" + spec.app(),
                "name at least one environment, e.g. dev");
          }
          intent = intent.with(RepoLayout.spec(spec.team(), spec.app()), put.spec());
          for (String env : put.envs()) {
            RepoRenderer.environmentsOf(intent).requireKnown(env, platform);
            Deployment deployment = new Deployment(env, new AppKey(spec.team(), spec.app()));
            deployments.add(deployment);
            requested.add(deployment);
          }
        }
        case Intent.RemoveApp remove -> {
          requireTeam(platform, actor, remove.team());
          AppKey key = new AppKey(remove.team(), remove.app());
          if (!deployments.remove(new Deployment(remove.env(), key))) {
            throw new InvalidInputException(
                key + " is not deployed to " + remove.env(),
                "list the app's environments with `paved apps`");
          }
          if (deployments.stream().noneMatch(d -> d.app().equals(key))) {
            intent = intent.withoutFolder(RepoLayout.appFolder(key.team(), key.app()));
          }
        }
        case Intent.PutPlatformFile put -> {
          requirePlatform(actor, put.path());
          intent = intent.with(put.path(), put.text());
        }
        case Intent.RemovePlatformFile remove -> {
          requirePlatform(actor, remove.path());
          intent = intent.without(remove.path());
        }
      }
    }
    return new Draft(intent, deployments, requested);
  }

  private static void requireTeam(Platform platform, Actor actor, String teamName) {
    if (actor.platform()) {
      return;
    }
    Team team = platform.team(teamName);
    if (!team.members().contains(actor.name())) {
      throw new NotAllowedException(
          actor.name() + " is not a member of team " + teamName,
          "ask a member of "
              + teamName
              + " or a platform engineer, or join the team in platform/teams/");
    }
  }

  /**
   * A platform file's path: plain lower-case names only, so no name can climb out of platform/,
   * hide in an encoding, or make an empty folder in the tree (PathTraversalTest).
   */
  private static final java.util.regex.Pattern PLATFORM_FILE =
      java.util.regex.Pattern.compile(
          "platform/(?:[a-z0-9][a-z0-9_-]{0,62}/){0,2}[a-z0-9][a-z0-9_-]{0,62}\\.yaml");

  private static void requirePlatform(Actor actor, String path) {
    if (!PLATFORM_FILE.matcher(path).matches()) {
      throw new InvalidInputException(
          "'"
              + path
              + "' is not a platform file (lower-case names of letters, digits, '-' and '_',"
              + " at most two folders deep under platform/, ending in .yaml)",
          "platform files are platform/<paths|targets|teams|policies>/<name>.yaml or "
              + RepoLayout.ENVIRONMENTS);
    }
    if (!actor.platform()) {
      throw new NotAllowedException(
          actor.name() + " may not change " + path + ": platform files need the platform role",
          "ask a platform engineer to open or approve this change");
    }
  }
}
