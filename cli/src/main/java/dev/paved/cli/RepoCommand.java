package dev.paved.cli;

import dev.paved.core.render.ManifestWriter;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.repo.CommitInfo;
import dev.paved.gitops.repo.GitRepository;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paved repo}: the platform repository on this machine. */
@Command(
    name = "repo",
    mixinStandardHelpOptions = true,
    description = "The platform repository (a bare Git repository; see docs/gitops.md).",
    subcommands = {RepoCommand.Init.class, RepoCommand.Log.class})
final class RepoCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  static Path defaultDir() {
    return Path.of(System.getProperty("user.home"), ".paved", "platform.git");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Create the platform repository; does nothing if it already has a main branch.",
        "It gets the layout, a README, the sandbox target, the environment rules, a demo",
        "team and its app hello (rendered for dev)."
      })
  static final class Init implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ReportFormat format;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "where the bare repository lives (default: ~/.paved/platform.git)")
    Path dir = defaultDir();

    @Override
    public Integer call() {
      format.requireTextOrJson("repo init");
      try (GitRepository repo = GitRepository.openOrCreate(dir)) {
        boolean existed = repo.resolve(GitRepository.MAIN).isPresent();
        String main = RepositorySeed.ensure(repo, dir.toUri().toString()).name();
        var out = spec.commandLine().getOut();
        if (format.json()) {
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("repository", dir.toAbsolutePath().toString());
          result.put("main", main);
          result.put("created", !existed);
          out.print(ManifestWriter.json(result));
        } else {
          out.println(
              (existed ? "already initialised: " : "initialised: ")
                  + dir.toAbsolutePath()
                  + " (main at "
                  + main.substring(0, 12)
                  + ")");
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = "The history of main, newest first.")
  static final class Log implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ReportFormat format;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "the repository (default: ~/.paved/platform.git)")
    Path dir = defaultDir();

    @Option(names = "--max", paramLabel = "N", description = "at most N commits (default: 20)")
    int max = 20;

    @Override
    public Integer call() {
      format.requireTextOrJson("repo log");
      if (!java.nio.file.Files.isDirectory(dir.resolve("objects"))) {
        throw new dev.paved.core.error.UsageException(
            "no platform repository at " + dir,
            "create it with `paved repo init --dir " + dir + "`");
      }
      try (GitRepository repo = GitRepository.openOrCreate(dir)) {
        List<CommitInfo> commits = repo.log(GitRepository.MAIN, max);
        var out = spec.commandLine().getOut();
        if (format.json()) {
          out.print(
              ManifestWriter.json(
                  Map.of(
                      "commits",
                      commits.stream()
                          .map(
                              c -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("id", c.id());
                                m.put("title", c.title());
                                m.put("author", c.author());
                                m.put("time", c.time().toString());
                                return m;
                              })
                          .toList())));
        } else {
          for (CommitInfo c : commits) {
            out.printf("%s  %-20s %s  %s%n", c.shortId(), c.time(), c.author(), c.title());
          }
        }
        out.flush();
      }
      return 0;
    }
  }
}
