package dev.paved.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each built-in path's input rendered for each built-in target must equal the
 * reviewed expected file byte for byte. After an intended change, regenerate with {@code ./mvnw -pl
 * core test -Dtest=GoldenFileTest -Dgolden.update=true} and review the diff.
 */
class GoldenFileTest {

  @ParameterizedTest(name = "{0} on {1} in {2}")
  @MethodSource("dev.paved.core.render.BuiltInMatrix#cases")
  void rendersExactlyTheReviewedManifests(String path, String target, String env)
      throws IOException {
    String actual = ManifestWriter.yaml(BuiltInMatrix.render(path, target, env).objects());
    Path expected =
        BuiltInMatrix.GOLDEN
            .resolve(path)
            .resolve(env.equals("prod") ? target + ".yaml" : target + "." + env + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual);
    }
    assertThat(expected).exists();
    assertThat(actual).isEqualTo(Files.readString(expected));
  }

  @Test
  void coversEveryBuiltInPathAndTarget() {
    assertThat(BuiltInMatrix.paths())
        .containsExactlyInAnyOrder(
            "llm-inference",
            "model-server",
            "batch-inference",
            "fine-tune",
            "notebook",
            "web-service");
    assertThat(BuiltInMatrix.targets())
        .containsExactlyInAnyOrder("sandbox", "eks", "gke", "aks", "onprem");
    for (String path : BuiltInMatrix.paths()) {
      assertThat(BuiltInMatrix.GOLDEN.resolve(path).resolve("input.yaml")).exists();
    }
  }
}
