package dev.paved.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import dev.paved.server.TestServer;
import dev.paved.server.db.TestDatabases;
import dev.paved.server.fuzz.Credentials;
import dev.paved.server.fuzz.Endpoint;
import dev.paved.server.fuzz.FormFuzzer;
import dev.paved.server.fuzz.PortalForms;
import dev.paved.server.fuzz.PortalSessions;
import dev.paved.server.fuzz.Probe;
import dev.paved.server.fuzz.RequestFuzzer;
import dev.paved.server.fuzz.Schemas;
import dev.paved.server.fuzz.Seeds;
import dev.paved.server.fuzz.Verdicts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Generated input against every endpoint of the server's own OpenAPI document (so a new endpoint is
 * fuzzed without touching this test) and every form the portal's pages show: no answer may be a
 * 5xx, carry a stack trace or a Java type name, or take longer than {@link Probe#PATIENCE}. The
 * seed is fixed, so a failure comes back on the next run, and its request is printed. 1,000 inputs
 * per endpoint and form, 10,000 with {@code -Dpaved.reliability.long=true}. On H2 only: the input
 * handling under test is the same on PostgreSQL.
 */
class RestFuzzTest {

  static final long SEED = 20_261_127L;

  /** How many pages the crawl for forms reads at most. */
  private static final int PAGES = 80;

  /** One generated input against a target; false to stop the run (after a hang). */
  private interface Attempt<T> {
    boolean run(T target, SplittableRandom random);
  }

  @Test
  @Reliability(area = Area.FUZZING, value = "REST API: every endpoint of its OpenAPI document")
  void everyEndpointAnswersGeneratedInputWithoutA5xxOrAStackTrace(Tally tally) {
    tally.counting("generated requests");
    Verdicts verdicts = new Verdicts();
    long started = System.nanoTime();
    try (TestServer server = TestServer.on(TestDatabases.h2());
        Probe probe = new Probe()) {
      JsonNode document = server.get("/api/openapi.json", Optional.empty()).json();
      List<Endpoint> endpoints = Endpoint.allOf(document);
      assertThat(endpoints).hasSameSizeAs(server.server().routes());
      Seeds seeds = FuzzSetup.seeds(server);
      RequestFuzzer fuzzer =
          new RequestFuzzer(
              server.server().url(),
              new Credentials(FuzzSetup.tokens(server)),
              seeds,
              new Schemas(document, seeds));
      fuzz(
          endpoints,
          Endpoint::toString,
          (endpoint, random) -> {
            RequestFuzzer.Fuzzed fuzzed = fuzzer.next(endpoint, random);
            Probe.Answer answer = probe.send(fuzzed.request());
            tally.add();
            return verdicts.judge(
                endpoint.toString(), fuzzed.sent(), answer, deliberate(endpoint, answer));
          });
      finish(server, "endpoints", endpoints.size(), verdicts, started, tally);
    }
  }

  @Test
  @Reliability(area = Area.FUZZING, value = "Portal: every form its pages show")
  void everyPortalFormAnswersGeneratedInputWithoutA5xxOrAStackTrace(Tally tally) {
    tally.counting("generated form submissions");
    Verdicts verdicts = new Verdicts();
    long started = System.nanoTime();
    try (TestServer server = TestServer.on(TestDatabases.h2());
        Probe probe = new Probe()) {
      Seeds seeds = FuzzSetup.seeds(server);
      PortalSessions sessions =
          new PortalSessions(server.server().url(), probe, FuzzSetup.tokens(server));
      List<PortalForms.Form> forms =
          PortalForms.crawl(List.of("/apps", "/login"), PAGES, path -> sessions.page("pat", path));
      assertThat(forms)
          .extracting(PortalForms.Form::action)
          .contains("/login", "/logout", "/apps/search/chat/rollback", "/apps/search/chat/fix")
          .anyMatch(a -> a.endsWith("/approve"))
          .anyMatch(a -> a.endsWith("/preview"));
      FormFuzzer fuzzer =
          new FormFuzzer(
              server.server().url(), sessions, seeds, List.copyOf(TestServer.PEOPLE.keySet()));
      fuzz(
          forms,
          PortalForms.Form::action,
          (form, random) -> {
            FormFuzzer.Submission submission = fuzzer.next(form, random);
            Probe.Answer answer = probe.send(submission.request());
            tally.add();
            sessions.renewIfEnded(submission.user(), answer);
            return verdicts.judge(form.action(), submission.sent(), answer, false);
          });
      finish(server, "forms", forms.size(), verdicts, started, tally);
    }
  }

  static int perTarget() {
    return Boolean.getBoolean("paved.reliability.long") ? 10_000 : 1_000;
  }

  /** Each target gets its own random stream, so one target's failure replays alone. */
  private static <T> void fuzz(List<T> targets, Function<T, String> name, Attempt<T> attempt) {
    int n = perTarget();
    for (T target : targets) {
      SplittableRandom random = new SplittableRandom(SEED ^ name.apply(target).hashCode());
      for (int i = 0; i < n; i++) {
        if (!attempt.run(target, random)) {
          return;
        }
      }
    }
  }

  private static void finish(
      TestServer server, String what, int targets, Verdicts verdicts, long started, Tally tally) {
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    System.out.printf(
        "fuzzed %d %s × %,d in %d s, seed %d%n", targets, what, perTarget(), seconds, SEED);
    assertThat(verdicts.failed()).as(verdicts.report()).isZero();
    assertThat(server.get("/readyz", Optional.empty()).status()).isEqualTo(200);
    tally.held(facts(what, targets, verdicts));
  }

  static String facts(String what, int targets, Verdicts verdicts) {
    return String.format(
        "%d %s × %,d (seed %d); %d 5xx, %d stack traces or type names, %d hangs, %d unanswered;"
            + " 4xx: %,d, 3xx: %,d, 2xx: %,d; resent after Jetty closed the connection: %,d%s",
        targets,
        what,
        perTarget(),
        SEED,
        verdicts.serverErrors(),
        verdicts.traces(),
        verdicts.hangs(),
        verdicts.dropped(),
        verdicts.count("4xx"),
        verdicts.count("3xx"),
        verdicts.count("2xx"),
        verdicts.resent(),
        verdicts.allowed5xx() == 0
            ? ""
            : String.format(
                "; 503 'no cluster' (documented; the test server has none): %,d",
                verdicts.allowed5xx()));
  }

  /**
   * The one 5xx the test sets up: the test server runs without a cluster, and an endpoint whose
   * document lists 503 for that answers it, as a problem that says so.
   */
  static boolean deliberate(Endpoint endpoint, Probe.Answer answer) {
    return answer.status() == 503
        && endpoint.documented().contains("503")
        && answer.contentType().startsWith(Problem.MEDIA_TYPE)
        && answer.body().contains("no cluster");
  }
}
