package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ApiClient;
import dev.paved.cli.client.Credentials;
import dev.paved.core.error.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved login URL}: check a token against a server and keep it for the other commands. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Log in to a Paved server with a personal API token.",
      "",
      "The token is checked against the server, then stored in",
      "~/.paved/credentials.json (mode 0600, or $PAVED_CREDENTIALS) and used by",
      "apps, status, deploy, changes, rollback, logs and doctor. It is read from",
      "standard input, so it stays out of the shell history."
    },
    footer = {"", "Example:", "  paved login https://paved.example.com < token.txt"})
final class LoginCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "URL",
      description = "The server, as 'paved up' prints it (http://127.0.0.1:8420).")
  String url;

  @Option(
      names = "--token-env",
      paramLabel = "VAR",
      description = "Read the token from this environment variable instead of standard input.")
  String tokenEnv;

  @Override
  public Integer call() throws IOException {
    String token = token();
    ApiClient client = new ApiClient(url, token);
    JsonNode me = client.get("/api/v1/me");
    Credentials credentials = Credentials.standard();
    credentials.save(new Credentials.Login(client.server(), token, me.path("user").asText()));
    spec.commandLine()
        .getOut()
        .println(
            "Logged in to "
                + client.server()
                + " as "
                + me.path("user").asText()
                + " ("
                + me.path("platformRole").asText()
                + ").");
    return 0;
  }

  private String token() throws IOException {
    if (tokenEnv != null) {
      String value = System.getenv(tokenEnv);
      if (value == null || value.isBlank()) {
        throw new UsageException(
            "$" + tokenEnv + " is empty", "export the token in it, or pipe it to standard input");
      }
      return value.strip();
    }
    if (System.console() != null) {
      // a person at a terminal; a token piped in or read by a script gets no prompt
      spec.commandLine().getErr().println("Paste a token, then Enter:");
      spec.commandLine().getErr().flush();
    }
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isBlank()) {
      throw new UsageException(
          "no token on standard input", "pipe it in: paved login URL < token.txt");
    }
    return line.strip();
  }
}
