package dev.paved.cli;

import dev.paved.core.error.PavedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code paved} command. */
@Command(
    name = "paved",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "The paved road for AI workloads on Kubernetes.",
      "",
      "Write a ten-line paved.yaml; Paved renders secure, portable Kubernetes manifests for it."
    },
    subcommands = {
      RenderCommand.class,
      CheckCommand.class,
      CostCommand.class,
      ExplainCommand.class,
      PathsCommand.class,
      TargetsCommand.class,
      SchemaCommand.class,
      SandboxCommand.class,
      RepoCommand.class,
      DoctorCommand.class,
      UpCommand.class,
      UpCommand.Server.class,
      LoginCommand.class,
      DeployCommand.class,
      AppsCommand.class,
      AppsCommand.Status.class,
      ChangesCommand.class,
      HistoryCommand.class,
      SyncCommand.class,
      DiffCommand.class,
      DeleteCommand.class,
      RollbackCommand.class,
      LogsCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success; 1 invalid input or a failed check; 2 usage error;",
      "3 environment problem (file, server, cluster or repository unreachable)."
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(Main::handle);
    commandLine.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("paved: " + ex.getMessage());
          err.println(
              "Run '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for usage.");
          return 2;
        });
    return commandLine.execute(args);
  }

  private static int handle(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof PavedException paved) {
      err.println("error: " + paved.oneLine());
      return paved.exitCode();
    }
    err.println("error: internal error: " + e);
    err.println("This is a bug in Paved; please report it with the command you ran.");
    return 70;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
