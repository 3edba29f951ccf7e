package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.repo.GitRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A platform repository the tests prepare before a server starts on it: seeded, prune on in dev,
 * one team, web-service apps; changed through real change requests while no server runs.
 */
final class PlatformRepo {

  static final String IMAGE = "ghcr.io/example/api";

  /** The title of the changes the tests make before a server starts. */
  static final String PREPARED = "Prepared by the test";

  private static final Actor PLATFORM = Actor.platformEngineer("pat");
  private static final String WEB =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: %s
      path: web-service
      with: {image: '%s:%s', replicas: {min: 1, max: 1}}
      """;

  private final Path dir;
  private final String team;
  private final Map<String, String> apps = new TreeMap<>();
  private int next;

  private PlatformRepo(Path dir, String team) {
    this.dir = dir;
    this.team = team;
  }

  /** A repository with {@code count} apps at 1.0.0 in team {@code prefix}+random. */
  static PlatformRepo create(Path dir, String prefix, int count) {
    String team = prefix + Integer.toString(new Random().nextInt(1 << 20), 36);
    PlatformRepo repo = new PlatformRepo(dir, team);
    repo.change(
        changes -> {
          String environments =
              changes
                  .repo()
                  .read(changes.repo().resolve(GitRepository.MAIN).orElseThrow())
                  .find("platform/environments.yaml")
                  .orElseThrow()
                  .replace(
                      "dev: {approvals: 0, autoMerge: true, autoSync: true, selfHeal: true, prune: false}",
                      "dev: {approvals: 0, autoMerge: true, autoSync: true, selfHeal: true, prune: true}");
          assertThat(environments).contains("prune: true");
          return List.of(
              new Intent.PutPlatformFile(
                  "platform/teams/" + team + ".yaml",
                  "apiVersion: paved.dev/v1alpha1\nkind: Team\nmetadata: {name: %s}\nspec: {members: [demo]}\n"
                      .formatted(team)),
              new Intent.PutPlatformFile("platform/environments.yaml", environments));
        });
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      intents.add(repo.put("app-" + repo.next++, "1.0.0"));
    }
    if (!intents.isEmpty()) {
      repo.change(changes -> intents);
    }
    return repo;
  }

  /** Bumps the image of every app, and removes one or adds one: work for the next sync. */
  void changeAtRandom(Random random) {
    List<Intent> intents = new ArrayList<>();
    List<String> names = new ArrayList<>(apps.keySet());
    if (random.nextBoolean() && names.size() > 1) {
      String gone = names.remove(random.nextInt(names.size()));
      apps.remove(gone);
      intents.add(new Intent.RemoveApp(team, gone, "dev"));
    } else {
      intents.add(put("app-" + next++, "1.0.0"));
    }
    for (String app : names) {
      intents.add(put(app, "1." + random.nextInt(1000) + ".0"));
    }
    change(changes -> intents);
  }

  private Intent put(String app, String tag) {
    apps.put(app, tag);
    return new Intent.PutApp(WEB.formatted(app, team, IMAGE, tag), List.of("dev"));
  }

  private void change(java.util.function.Function<Changes, List<Intent>> intents) {
    try (GitRepository repo = GitRepository.openOrCreate(dir)) {
      RepositorySeed.ensure(repo, "file://" + dir);
      ChangeRequests changes = new ChangeRequests(repo, "file://" + dir);
      Opened opened = changes.open(PLATFORM, PREPARED, intents.apply(new Changes(repo)));
      if (opened.autoMerge().isEmpty()) {
        // platform files need another platform engineer's approval
        changes.approve(opened.change().id(), Actor.platformEngineer("platform-reviewer"));
      }
      MergeOutcome outcome =
          opened.autoMerge().orElseGet(() -> changes.merge(opened.change().id(), PLATFORM));
      assertThat(outcome).as(outcome.toString()).isInstanceOf(MergeOutcome.Merged.class);
    }
  }

  private record Changes(GitRepository repo) {}

  /** The apps main wants, with their image tags. */
  Map<String, String> apps() {
    return Map.copyOf(apps);
  }

  String team() {
    return team;
  }

  String namespace() {
    return team + "-dev";
  }

  String main() {
    try (GitRepository repo = GitRepository.openOrCreate(dir)) {
      return repo.resolve(GitRepository.MAIN).orElseThrow().name();
    }
  }
}
