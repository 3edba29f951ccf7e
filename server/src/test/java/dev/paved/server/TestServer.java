package dev.paved.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.Intent;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.server.auth.TeamRole;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import dev.paved.server.platform.Backend;
import dev.paved.server.platform.ClusterMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server on a fresh database with people in every role of two teams, and a token for each: {@code
 * pat} (platform), {@code vic} (viewer), {@code sam} (search admin), {@code sue} (search member),
 * {@code val} (vision admin), {@code vin} (vision member), {@code nob} (no team).
 */
public final class TestServer implements AutoCloseable {

  /** One HTTP answer. */
  public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  public static final Map<String, Principal> PEOPLE = people();

  private final Database database;
  private final Services services;
  private final PavedServer server;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private final Backend backend;

  private TestServer(DatabaseSettings settings, Optional<dev.paved.server.auth.OidcSettings> oidc) {
    this.database = Database.open(settings);
    this.backend =
        Backend.start(
            repoDir(),
            "file:///platform.git",
            new ClusterMode.None("tests run without a cluster"),
            database);
    this.services = Services.over(database, backend, Clock.systemUTC());
    PEOPLE.values().forEach(services.users()::put);
    PEOPLE
        .keySet()
        .forEach(user -> tokens.put(user, services.tokens().issue(user, "test").token()));
    addTeams();
    this.server = PavedServer.start("127.0.0.1", 0, services, oidc);
  }

  private static java.nio.file.Path repoDir() {
    try {
      return java.nio.file.Files.createTempDirectory("paved-repo-").resolve("platform.git");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Team files on main: search (sam, sue) and vision (val, vin), merged by pat. */
  private void addTeams() {
    String team =
        """
        apiVersion: paved.dev/v1alpha1
        kind: Team
        metadata: {name: %s}
        spec: {members: [%s], monthlyBudget: 5000}
        """;
    Actor pat = Actor.platformEngineer("pat");
    var opened =
        backend
            .changes()
            .open(
                pat,
                "Teams",
                List.of(
                    new Intent.PutPlatformFile(
                        "platform/teams/search.yaml", team.formatted("search", "sam, sue")),
                    new Intent.PutPlatformFile(
                        "platform/teams/vision.yaml", team.formatted("vision", "val, vin"))));
    if (opened.autoMerge().isEmpty()) {
      // platform files need another platform engineer's approval
      backend.changes().approve(opened.change().id(), Actor.platformEngineer("platform-reviewer"));
      backend.changes().merge(opened.change().id(), pat);
    }
  }

  public Backend backend() {
    return backend;
  }

  public static TestServer on(DatabaseSettings settings) {
    return new TestServer(settings, Optional.empty());
  }

  /** A server whose portal also signs in through an OIDC provider. */
  public static TestServer on(DatabaseSettings settings, dev.paved.server.auth.OidcSettings oidc) {
    return new TestServer(settings, Optional.of(oidc));
  }

  private static Map<String, Principal> people() {
    Map<String, Principal> people = new LinkedHashMap<>();
    people.put("pat", new Principal("pat", "Pat Platform", PlatformRole.PLATFORM, Map.of()));
    people.put("vic", new Principal("vic", "Vic Viewer", PlatformRole.VIEWER, Map.of()));
    people.put(
        "sam",
        new Principal(
            "sam", "Sam Search-Admin", PlatformRole.NONE, Map.of("search", TeamRole.ADMIN)));
    people.put(
        "sue",
        new Principal("sue", "Sue Search", PlatformRole.NONE, Map.of("search", TeamRole.MEMBER)));
    people.put(
        "val",
        new Principal(
            "val", "Val Vision-Admin", PlatformRole.NONE, Map.of("vision", TeamRole.ADMIN)));
    people.put(
        "vin",
        new Principal("vin", "Vin Vision", PlatformRole.NONE, Map.of("vision", TeamRole.MEMBER)));
    people.put("nob", new Principal("nob", "Nob Nobody", PlatformRole.NONE, Map.of()));
    return Map.copyOf(people);
  }

  public String token(String user) {
    return tokens.get(user);
  }

  /**
   * Adds a second platform engineer (for the two-person rule), outside {@link #PEOPLE}, so the
   * authorization matrices keep their one platform engineer.
   */
  public void addSecondPlatformEngineer(String user) {
    services.users().put(new Principal(user, user, PlatformRole.PLATFORM, Map.of()));
    tokens.put(user, services.tokens().issue(user, "test").token());
  }

  public Services services() {
    return services;
  }

  public PavedServer server() {
    return server;
  }

  public Answer get(String path, Optional<String> token) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), token);
  }

  public Answer get(String path, String user) {
    return get(path, Optional.of(token(user)));
  }

  public Answer post(String path, String user, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        Optional.of(token(user)));
  }

  public Answer delete(String path, String user) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE(), Optional.of(token(user)));
  }

  public Answer send(HttpRequest.Builder request, Optional<String> token) {
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    return server.url().resolve(path);
  }

  @Override
  public void close() {
    server.close();
    http.close();
    backend.close();
    database.close();
  }
}
