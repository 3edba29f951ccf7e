package dev.paved.gitops.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotAllowedException;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change requests on a real bare repository in a temp folder. */
class ChangeRequestsTest {

  static final String CHAT =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: demo
      path: web-service
      with: {image: 'ghcr.io/example/chat:%s', replicas: {min: 2, max: 3}}
      """;

  static final Actor DEMO = Actor.member("demo");
  static final Actor REVIEWER = Actor.member("reviewer");
  static final Actor PLATFORM = Actor.platformEngineer("pat");

  @TempDir Path dir;
  GitRepository repo;
  ChangeRequests changes;

  @BeforeEach
  void seed() {
    repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
    RepositorySeed.ensure(repo, dir.resolve("platform.git").toUri().toString());
    changes = new ChangeRequests(repo, "file:///platform.git");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  RepoFiles main() {
    return repo.read(repo.resolve(GitRepository.MAIN).orElseThrow());
  }

  /** Main is consistent: its generated files are exactly what its intent renders to. */
  void assertMainConsistent() {
    RepoFiles main = main();
    var rendered =
        new RepoRenderer("file:///platform.git")
            .render(RepoRenderer.intentPart(main), RepoRenderer.deploymentsIn(main));
    assertThat(rendered.problems()).isEmpty();
    assertThat(rendered.files().changesSince(RepoRenderer.generatedPart(main))).isEmpty();
  }

  @Test
  void aNewRepositoryHoldsTheLayoutTheDemoTeamAndItsRenderedApp() {
    RepoFiles main = main();
    assertThat(main.files())
        .containsKeys(
            "README.md",
            RepoLayout.ENVIRONMENTS,
            "platform/targets/sandbox.yaml",
            "platform/teams/demo.yaml",
            "platform/teams/search.yaml", // the examples' team, with members and a budget
            "apps/demo/hello/paved.yaml",
            "apps/demo/hello/catalog-info.yaml");
    assertThat(main.under("deploy/dev/demo/hello/")).isNotEmpty();
    assertThat(main.under("deploy/dev/demo/hello/").values())
        .allSatisfy(text -> assertThat(text).startsWith("# Rendered by Paved"));
    assertMainConsistent();
  }

  @Test
  void aDevChangeShowsItsRenderedDiffFindingsAndCostThenMergesByItself() {
    Opened opened =
        changes.open(
            DEMO,
            "Add chat",
            List.of(new Intent.PutApp(CHAT.formatted("chat", "1.0.0"), List.of("dev"))));
    ChangeChecks checks = opened.checks();
    assertThat(checks.affected()).extracting(Object::toString).containsExactly("demo/chat in dev");
    assertThat(checks.renderedChanges())
        .extracting(f -> f.path())
        .contains("apps/demo/chat/catalog-info.yaml")
        .anyMatch(
            p -> p.startsWith("deploy/dev/demo/chat/") && p.endsWith("-deployment-chat.yaml"));
    assertThat(checks.renderedChanges()).allMatch(f -> f.kind().equals("added"));
    assertThat(checks.reports()).singleElement().satisfies(r -> assertThat(r.blocked()).isFalse());
    assertThat(checks.costDelta().min()).isPositive();
    assertThat(opened.autoMerge()).get().isInstanceOf(MergeOutcome.Merged.class);
    assertThat(changes.require(opened.change().id()).state()).isEqualTo(ChangeState.MERGED);
    assertThat(main().files()).containsKey("apps/demo/chat/paved.yaml");
    assertMainConsistent();
  }

  @Test
  void aProdChangeNeedsAnApprovalFromSomeoneOtherThanItsAuthor() {
    Opened opened =
        changes.open(
            DEMO,
            "Chat to prod",
            List.of(new Intent.PutApp(CHAT.formatted("chat", "1.0.0"), List.of("prod"))));
    String id = opened.change().id();
    assertThat(opened.autoMerge()).isEmpty();
    assertThat(changes.merge(id, DEMO))
        .isInstanceOfSatisfying(
            MergeOutcome.Refused.class,
            r -> assertThat(r.reason()).contains("prod needs 1 approval"));
    assertThatThrownBy(() -> changes.approve(id, DEMO)).isInstanceOf(NotAllowedException.class);
    changes.approve(id, REVIEWER);
    assertThat(changes.merge(id, DEMO)).isInstanceOf(MergeOutcome.Merged.class);
    assertThat(repo.info(repo.resolve(GitRepository.MAIN).orElseThrow()).message())
        .contains("Change-Id: " + id, "Approved-by: reviewer", "Merged-by: demo");
    assertMainConsistent();
  }

  @Test
  void onlyTeamMembersChangeTheirAppsAndOnlyThePlatformRoleChangesPlatformFiles() {
    assertThatThrownBy(
            () ->
                changes.open(
                    Actor.member("mallory"),
                    "Sneak",
                    List.of(new Intent.PutApp(CHAT.formatted("chat", "1.0.0"), List.of("dev")))))
        .isInstanceOf(NotAllowedException.class)
        .hasMessageContaining("not a member of team demo");
    assertThatThrownBy(
            () ->
                changes.open(
                    DEMO,
                    "Cheaper",
                    List.of(new Intent.PutPlatformFile("platform/teams/demo.yaml", "x: 1\n"))))
        .isInstanceOf(NotAllowedException.class)
        .hasMessageContaining("platform role");
  }

  @Test
  void aPlatformEngineerCannotLowerProdsApprovalsAlone() {
    String lowered =
        main()
            .find(RepoLayout.ENVIRONMENTS)
            .orElseThrow()
            .replace("prod: {approvals: 1", "prod: {approvals: 0");
    Opened opened =
        changes.open(
            PLATFORM,
            "No more reviews",
            List.of(new Intent.PutPlatformFile(RepoLayout.ENVIRONMENTS, lowered)));
    String id = opened.change().id();

    assertThat(opened.autoMerge()).isEmpty();
    assertThat(changes.merge(id, PLATFORM))
        .isInstanceOfSatisfying(
            MergeOutcome.Refused.class,
            r ->
                assertThat(r.reason())
                    .contains("needs 1 approval(s) from another platform engineer")
                    .contains("prod"));
    assertThatThrownBy(() -> changes.approve(id, REVIEWER))
        .isInstanceOf(NotAllowedException.class)
        .hasMessageContaining("platform role");
    changes.approve(id, Actor.platformEngineer("quinn"));
    assertThat(changes.merge(id, PLATFORM)).isInstanceOf(MergeOutcome.Merged.class);
    assertThat(main().find(RepoLayout.ENVIRONMENTS)).get().asString().contains("approvals: 0");
  }

  @Test
  void aPlatformChangeNeedsAsManyApprovalsAsTheStrictestEnvironmentAsksOnMain() {
    String twoForProd =
        main()
            .find(RepoLayout.ENVIRONMENTS)
            .orElseThrow()
            .replace("prod: {approvals: 1", "prod: {approvals: 2");
    String raise =
        changes
            .open(
                PLATFORM,
                "Two reviews for prod",
                List.of(new Intent.PutPlatformFile(RepoLayout.ENVIRONMENTS, twoForProd)))
            .change()
            .id();
    changes.approve(raise, Actor.platformEngineer("quinn"));
    assertThat(changes.merge(raise, PLATFORM)).isInstanceOf(MergeOutcome.Merged.class);

    String team = main().find("platform/teams/demo.yaml").orElseThrow().replace("2000", "3000");
    String budget =
        changes
            .open(
                PLATFORM,
                "More budget",
                List.of(new Intent.PutPlatformFile("platform/teams/demo.yaml", team)))
            .change()
            .id();
    changes.approve(budget, Actor.platformEngineer("quinn"));
    assertThat(changes.merge(budget, PLATFORM))
        .isInstanceOfSatisfying(
            MergeOutcome.Refused.class,
            r -> assertThat(r.reason()).contains("needs 2 approval(s)").contains("has 1"));
    changes.approve(budget, Actor.platformEngineer("rosa"));
    assertThat(changes.merge(budget, PLATFORM)).isInstanceOf(MergeOutcome.Merged.class);
  }

  @Test
  void aChangeThatChangesNothingIsRefused() {
    String hello = main().find("apps/demo/hello/paved.yaml").orElseThrow();
    assertThatThrownBy(
            () -> changes.open(DEMO, "Same", List.of(new Intent.PutApp(hello, List.of("dev")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("changes nothing");
  }

  @Test
  void aGoldenPathChangeReRendersEveryAppOnThePathInOneChange() {
    changes.open(
        DEMO,
        "Add chat",
        List.of(new Intent.PutApp(CHAT.formatted("chat", "1.0.0"), List.of("dev"))));
    String bumped =
        dev.paved.core.platform.PlatformLoader.readResource("paths/web-service.yaml")
            .replace("version: 1.0.0", "version: 1.0.1");
    Opened opened =
        changes.open(
            PLATFORM,
            "web-service 1.0.1",
            List.of(new Intent.PutPlatformFile("platform/paths/web-service.yaml", bumped)));
    assertThat(opened.checks().affected())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("demo/chat in dev", "demo/hello in dev");
    assertThat(opened.checks().renderedChanges())
        .extracting(f -> f.path())
        .anyMatch(p -> p.startsWith("deploy/dev/demo/chat/"))
        .anyMatch(p -> p.startsWith("deploy/dev/demo/hello/"));
  }

  @Test
  void twoChangesToOneAppBothOpenTheSecondMergeIsRefusedWithTheFilesThenMergesAfterARecheck() {
    Opened first =
        changes.open(
            DEMO, "hello 2", List.of(new Intent.PutApp(helloWith("2.0.0"), List.of("staging"))));
    Opened second =
        changes.open(
            DEMO, "hello 3", List.of(new Intent.PutApp(helloWith("3.0.0"), List.of("staging"))));
    assertThat(changes.merge(first.change().id(), DEMO)).isInstanceOf(MergeOutcome.Merged.class);
    assertThat(changes.merge(second.change().id(), DEMO))
        .isInstanceOfSatisfying(
            MergeOutcome.Refused.class,
            r -> {
              assertThat(r.reason()).contains("recheck");
              assertThat(r.files()).contains("apps/demo/hello/paved.yaml");
            });
    assertMainConsistent();
    changes.recheck(second.change().id(), DEMO);
    assertThat(changes.merge(second.change().id(), DEMO)).isInstanceOf(MergeOutcome.Merged.class);
    assertThat(main().find("apps/demo/hello/paved.yaml")).get().asString().contains("3.0.0");
    assertMainConsistent();
  }

  @Test
  void aChangeToAnotherAppMergesOnTopOfAMovedMain() {
    Opened chat =
        changes.open(
            DEMO,
            "chat staging",
            List.of(new Intent.PutApp(CHAT.formatted("chat", "1.0.0"), List.of("staging"))));
    Opened hello =
        changes.open(
            DEMO,
            "hello staging",
            List.of(new Intent.PutApp(helloWith("2.0.0"), List.of("staging"))));
    assertThat(changes.merge(chat.change().id(), DEMO)).isInstanceOf(MergeOutcome.Merged.class);
    assertThat(changes.merge(hello.change().id(), DEMO)).isInstanceOf(MergeOutcome.Merged.class);
    assertThat(main().files()).containsKeys("apps/demo/chat/paved.yaml");
    assertThat(main().find("apps/demo/hello/paved.yaml")).get().asString().contains("2.0.0");
    assertMainConsistent();
  }

  @Test
  void rollbackOpensAChangeThatRestoresTheEarlierSpec() {
    String before = repo.resolve(GitRepository.MAIN).orElseThrow().name();
    changes.open(DEMO, "hello 2", List.of(new Intent.PutApp(helloWith("2.0.0"), List.of("dev"))));
    Opened rollback =
        changes.rollback(
            DEMO, new RepoLayout.Deployment("dev", new RepoLayout.AppKey("demo", "hello")), before);
    assertThat(rollback.change().title()).startsWith("Roll back demo/hello in dev to");
    assertThat(rollback.autoMerge()).get().isInstanceOf(MergeOutcome.Merged.class);
    assertThat(main().find("apps/demo/hello/paved.yaml")).get().asString().contains("1.0.0");
    assertThat(main().under("deploy/dev/demo/hello/").values())
        .anyMatch(t -> t.contains("hello:1.0.0"));
  }

  @Test
  void aChangeWhoseOwnAppDoesNotRenderIsRefusedAtTheSpecsLineAndNothingIsOpened() {
    List<String> refs = repo.refs("refs/");

    assertThatThrownBy(
            () ->
                changes.open(
                    DEMO,
                    "Broken chat",
                    List.of(
                        new Intent.PutApp(
                            CHAT.formatted("chat", "1.0.0").replace("image:", "imgae:"),
                            List.of("dev")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("demo/chat in dev does not render")
        .hasMessageContaining("imgae")
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).location())
                    .get()
                    .asString()
                    .startsWith("apps/demo/chat/paved.yaml:6:"));
    assertThat(repo.refs("refs/")).isEqualTo(refs);
    assertThat(changes.list()).isEmpty();
  }

  @Test
  void anEnvironmentThatDoesNotExistIsRefusedNamingTheOnesThatDo() {
    assertThatThrownBy(
            () ->
                changes.open(
                    DEMO,
                    "Chat to qa",
                    List.of(new Intent.PutApp(CHAT.formatted("chat", "1.0.0"), List.of("qa")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no environment 'qa'")
        .hasMessageContaining("dev, prod, staging");
  }

  @Test
  void aPlatformChangeThatBreaksAnotherAppOpensMarkedBlockedAndCannotMerge() {
    String stricter =
        dev.paved.core.platform.PlatformLoader.readResource("paths/web-service.yaml")
            .replace(
                "    port: {type: integer,",
                "    owner: {type: string, required: true, description: 'who runs it'}\n"
                    + "    port: {type: integer,");
    Opened opened =
        changes.open(
            PLATFORM,
            "web-service needs an owner",
            List.of(new Intent.PutPlatformFile("platform/paths/web-service.yaml", stricter)));

    assertThat(opened.checks().problems())
        .extracting(p -> p.deployment().toString())
        .containsExactly("demo/hello in dev");
    assertThat(opened.change().blocked()).get().asString().contains("demo/hello in dev");
    changes.approve(opened.change().id(), Actor.platformEngineer("quinn"));
    assertThat(changes.merge(opened.change().id(), PLATFORM))
        .isInstanceOfSatisfying(
            MergeOutcome.Refused.class,
            r -> assertThat(r.reason()).contains("demo/hello in dev does not render"));
  }

  @Test
  void theTeamBudgetCountsTheTeamsOtherDeployments() {
    Opened first =
        changes.open(
            DEMO, "a", List.of(new Intent.PutApp(CHAT.formatted("a", "1.0.0"), List.of("dev"))));
    double one = first.checks().costs().getFirst().after().orElseThrow().max();
    String team =
        """
        apiVersion: paved.dev/v1alpha1
        kind: Team
        metadata: {name: demo}
        spec: {members: [demo, reviewer], monthlyBudget: %.2f}
        """
            .formatted(2 * one + 1);
    Opened budget =
        changes.open(
            PLATFORM,
            "Tight budget",
            List.of(new Intent.PutPlatformFile("platform/teams/demo.yaml", team)));
    changes.approve(budget.change().id(), Actor.platformEngineer("quinn"));
    assertThat(changes.merge(budget.change().id(), PLATFORM))
        .isInstanceOf(MergeOutcome.Merged.class);

    Opened second =
        changes.open(
            DEMO, "b", List.of(new Intent.PutApp(CHAT.formatted("b", "1.0.0"), List.of("dev"))));
    assertThat(second.checks().reports().getFirst().findings())
        .as("a and b cost %.2f each; with hello they pass the budget of %.2f", one, 2 * one + 1)
        .anySatisfy(f -> assertThat(f.message()).contains("team's other apps"));
  }

  String helloWith(String version) {
    return main().find("apps/demo/hello/paved.yaml").orElseThrow().replace("1.0.0", version);
  }

  @Test
  void recordsKeepTheirHistoryAsCommits() {
    Opened opened =
        changes.open(
            DEMO,
            "Chat to prod",
            List.of(new Intent.PutApp(CHAT.formatted("chat", "1.0.0"), List.of("prod"))));
    changes.approve(opened.change().id(), REVIEWER);
    List<String> trail =
        repo.log(RecordStore.PREFIX + opened.change().id(), 10).stream()
            .map(c -> c.title())
            .toList();
    assertThat(trail)
        .containsExactly(
            opened.change().id() + ": approved by reviewer", opened.change().id() + ": opened");
    assertThat(changes.list()).extracting(ChangeRequest::id).contains(opened.change().id());
    assertThat(ObjectId.isId(opened.change().head())).isTrue();
  }
}
