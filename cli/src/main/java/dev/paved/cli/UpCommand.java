package dev.paved.cli;

import dev.paved.cli.client.Credentials;
import dev.paved.server.Launch;
import dev.paved.server.config.ServerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code paved up} and {@code paved server}: run the platform until Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run Paved on this machine, with nothing to set up.",
      "",
      "Starts the API, the platform repository, the database and the sandbox",
      "cluster. The first start creates the 'admin' user (platform engineer),",
      "prints its token once and logs the paved command in with it. The",
      "sandbox's binaries are built on first use (about 7 minutes) while the API",
      "answers; apps say 'rendered, not synced' until the cluster is up. Ctrl-C",
      "stops it safely: running requests and syncs finish first; the sandbox",
      "keeps running (paved sandbox down stops it)."
    },
    footer = {
      "",
      "Settings: flags, then environment variables (PAVED_PORT, PAVED_DB_URL, …), then the",
      "settings file; all of them in docs/server.md.",
      "",
      "Examples:",
      "  paved up",
      "  paved up --no-cluster --port 9000",
      "  paved up --context kind-dev --db jdbc:postgresql://localhost:5432/paved"
    })
class UpCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ServerOptions options;

  String defaultCluster() {
    return "sandbox";
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    ServerSettings settings = options.settings(defaultCluster());
    Object terminal = new Object(); // the start-up block is printed whole, never split by progress
    Launch launch =
        Launch.start(
            settings,
            message -> {
              synchronized (terminal) {
                err.println("paved: " + message);
                err.flush();
              }
            });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  err.println("paved: stopping (finishing requests and syncs)…");
                  err.flush();
                  launch.close();
                  stopped.countDown();
                }));
    String url = launch.server().url().toString();
    synchronized (terminal) {
      out.println("Paved is up.");
      out.println("  API:    " + url + "/api/v1");
      out.println("  Portal: " + url + "/");
      launch
          .adminToken()
          .ifPresentOrElse(
              issued -> {
                Credentials credentials = Credentials.standard();
                credentials.save(new Credentials.Login(url, issued.token(), Launch.ADMIN));
                announceAdminToken(out, issued.token(), credentials, settings);
              },
              () ->
                  out.println(
                      "  Log in: paved login "
                          + url
                          + " (with the admin token "
                          + whereTheTokenWent(settings)
                          + ")"));
      out.println("Ctrl-C stops it. Syncs and their failures are reported below as they happen.");
      out.flush();
    }
    launch
        .backend()
        .onSyncRun(
            run ->
                SyncReport.line(run)
                    .ifPresent(
                        line -> {
                          synchronized (terminal) {
                            err.println("paved: " + line);
                            err.flush();
                          }
                        }));
    stopped.await();
    return 0;
  }

  /**
   * {@code paved up} runs at a person's terminal: the token is shown there, once. The server's
   * output goes to logs (a pod's log is readable by anyone allowed {@code pods/log}), so it writes
   * the token to a file only its user can read instead.
   */
  void announceAdminToken(
      PrintWriter out, String token, Credentials credentials, ServerSettings settings) {
    out.println(
        "  Admin token (shown once; the paved command is logged in with it, "
            + credentials.file()
            + "):");
    out.println("    " + token);
  }

  String whereTheTokenWent(ServerSettings settings) {
    return "printed at the first start";
  }

  /** {@code paved server}: the same, syncing to a kubeconfig's cluster instead of the sandbox. */
  @Command(
      name = "server",
      mixinStandardHelpOptions = true,
      description = {
        "Run the Paved server for a team, syncing to an existing cluster.",
        "",
        "Like 'paved up', but it syncs to the cluster of the kubeconfig",
        "(--context, --kubeconfig) instead of starting the sandbox, and takes its",
        "database from --db or the settings file. --no-cluster runs the API alone."
      })
  static final class Server extends UpCommand {
    @Override
    String defaultCluster() {
      return "kubeconfig";
    }

    @Override
    String whereTheTokenWent(ServerSettings settings) {
      return "written to " + settings.dataDir().resolve(ADMIN_TOKEN_FILE) + " at the first start";
    }

    @Override
    void announceAdminToken(
        PrintWriter out, String token, Credentials credentials, ServerSettings settings) {
      Path file = settings.dataDir().resolve(ADMIN_TOKEN_FILE);
      try {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n");
      } catch (IOException e) {
        // a token only in a log beats no admin at all: the user exists now, once
        out.println(
            "  Admin token (could not be written to " + file + ": " + e.getMessage() + "):");
        out.println("    " + token);
        return;
      }
      out.println(
          "  Admin token: written to "
              + file
              + " (only this user can read it; read it once, then delete the file)");
    }
  }

  /** Where {@code paved server} leaves the admin token of its first start. */
  static final String ADMIN_TOKEN_FILE = "initial-admin-token";
}
