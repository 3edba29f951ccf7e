package dev.paved.cli;

import static dev.paved.cli.RenderCommandTest.paved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paved repo init and log on a real repository in a temp folder. */
class RepoCommandTest {

  @Test
  void initCreatesTheRepositoryOnceAndLogShowsItsFirstCommit(@TempDir Path dir) throws Exception {
    String repo = dir.resolve("platform.git").toString();
    RenderCommandTest.Result first = paved("repo", "init", "--dir", repo, "-o", "json");
    assertThat(first.exit()).as(first.err()).isZero();
    JsonNode created = new ObjectMapper().readTree(first.out());
    assertThat(created.path("created").asBoolean()).isTrue();

    RenderCommandTest.Result again = paved("repo", "init", "--dir", repo);
    assertThat(again.exit()).isZero();
    assertThat(again.out())
        .startsWith("already initialised: ")
        .contains(created.path("main").asText().substring(0, 12));

    RenderCommandTest.Result log = paved("repo", "log", "--dir", repo);
    assertThat(log.exit()).isZero();
    assertThat(log.out()).contains("Initialise the platform repository");
  }

  @Test
  void logOfAMissingRepositoryIsAUsageErrorWithTheFix(@TempDir Path dir) throws Exception {
    RenderCommandTest.Result log =
        paved("repo", "log", "--dir", dir.resolve("nope.git").toString());
    assertThat(log.exit()).isEqualTo(2);
    assertThat(log.err()).contains("no platform repository", "paved repo init");
  }
}
