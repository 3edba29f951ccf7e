package dev.paved.gitops.change;

import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.target.ClusterRef;
import dev.paved.gitops.render.RenderedRepo;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The first commit of a new platform repository: its README, the sandbox target, the environment
 * rules, a demo team and its app {@code hello} deployed to dev, rendered, and the team {@code
 * search} of the examples in the checkout.
 */
public final class RepositorySeed {

  private RepositorySeed() {}

  /** Seeds main when the repository has none; returns main's commit either way. */
  public static ObjectId ensure(GitRepository repo, String repoUrl) {
    return ensure(repo, repoUrl, new ClusterRef.Context("paved-sandbox", Optional.empty()));
  }

  /**
   * As {@link #ensure(GitRepository, String)}, the seeded {@code sandbox} target on {@code
   * cluster}: the cluster of the server that seeds it.
   */
  public static ObjectId ensure(GitRepository repo, String repoUrl, ClusterRef cluster) {
    Optional<ObjectId> main = repo.resolve(GitRepository.MAIN);
    if (main.isPresent()) {
      return main.get();
    }
    RepoFiles intent =
        RepoFiles.of(
            Map.of(
                "README.md",
                resource("README.md"),
                RepoLayout.ENVIRONMENTS,
                resource("environments.yaml"),
                "platform/targets/sandbox.yaml",
                sandboxTarget(cluster),
                "platform/teams/demo.yaml",
                resource("demo-team.yaml"),
                "platform/teams/search.yaml",
                resource("search-team.yaml"),
                RepoLayout.spec("demo", "hello"),
                resource("hello.yaml")));
    RenderedRepo rendered =
        new RepoRenderer(repoUrl)
            .render(
                intent,
                Set.of(new RepoLayout.Deployment("dev", new RepoLayout.AppKey("demo", "hello"))));
    ObjectId commit =
        repo.commit(
            List.of(),
            intent.overlay(rendered.files()),
            "Initialise the platform repository",
            "paved");
    if (!repo.moveRef(GitRepository.MAIN, Optional.empty(), commit, "seed")) {
      return repo.resolve(GitRepository.MAIN).orElseThrow();
    }
    return commit;
  }

  /**
   * Makes main hold the target files of {@code plan} ({@code paved up --clusters N}): when one of
   * them is missing, commits them all (the apps re-rendered) as {@code paved}; a file that is
   * already there as planned, or was edited since, is left as it is when none is missing.
   *
   * @return the commit made, or empty when main already had every file
   */
  public static Optional<ObjectId> ensureTargets(
      GitRepository repo, String repoUrl, List<SandboxTargets.Planned> plan) {
    ObjectId main = repo.resolve(GitRepository.MAIN).orElseThrow();
    RepoFiles files = repo.read(main);
    Map<String, String> wanted = SandboxTargets.files(plan);
    if (wanted.keySet().stream().allMatch(path -> files.find(path).isPresent())) {
      return Optional.empty();
    }
    RepoFiles intent = RepoRenderer.intentPart(files).overlay(RepoFiles.of(wanted));
    RenderedRepo rendered =
        new RepoRenderer(repoUrl).render(intent, RepoRenderer.deploymentsIn(files));
    ObjectId commit =
        repo.commit(
            List.of(main),
            intent.overlay(rendered.files()),
            "One sandbox per target: "
                + String.join(
                    ", ",
                    plan.stream()
                        .map(p -> p.name() + " serves " + String.join(", ", p.environments()))
                        .toList())
                + "\n\nWritten by paved up --clusters "
                + plan.size()
                + ".",
            "paved");
    return repo.moveRef(GitRepository.MAIN, Optional.of(main), commit, "paved up --clusters")
        ? Optional.of(commit)
        : Optional.empty();
  }

  /** The built-in sandbox target, its {@code context} line naming {@code cluster} instead. */
  static String sandboxTarget(ClusterRef cluster) {
    String line =
        switch (cluster) {
          case ClusterRef.Context c when c.kubeconfig().isEmpty() -> "  context: " + c.context();
          case ClusterRef.Context c ->
              "  cluster: {context: %s, kubeconfig: %s}"
                  .formatted(c.context(), c.kubeconfig().get());
          case ClusterRef.InCluster i -> "  cluster: {inCluster: true}";
          case ClusterRef.Secret s ->
              "  cluster: {secret: %s, key: %s%s}"
                  .formatted(s.name(), s.key(), s.context().map(c -> ", context: " + c).orElse(""));
          case ClusterRef.ServerDefault d -> "";
        };
    String builtIn = PlatformLoader.readResource("targets/sandbox.yaml");
    return line.isEmpty()
        ? builtIn.replaceFirst("(?m)^  context: .*\\R", "")
        : builtIn.replaceFirst(
            "(?m)^  context: .*$", java.util.regex.Matcher.quoteReplacement(line));
  }

  private static String resource(String name) {
    try (InputStream in = RepositorySeed.class.getResourceAsStream("/paved/seed/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
