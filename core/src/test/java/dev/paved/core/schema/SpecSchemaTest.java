package dev.paved.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.ManifestWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed editor schema {@code schema/paved.schema.json} must equal what the Java model
 * generates (so the two cannot drift), and it must accept every example and golden input while
 * refusing what the parser refuses. Regenerate with {@code ./paved schema >
 * schema/paved.schema.json}.
 */
class SpecSchemaTest {

  private static final Path COMMITTED = Path.of("../schema/paved.schema.json");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String GENERATED =
      ManifestWriter.json(
          SpecSchemaGenerator.generate(new PlatformLoader().builtIn().paths().latest()));

  @Test
  void theCommittedSchemaIsTheGeneratedOne() throws IOException {
    assertThat(Files.readString(COMMITTED)).isEqualTo(GENERATED);
  }

  static Stream<Path> validSpecs() throws IOException {
    try (Stream<Path> examples = Files.list(Path.of("../examples"));
        Stream<Path> golden = Files.walk(Path.of("src/test/resources/golden"))) {
      return Stream.concat(
              examples.filter(p -> p.toString().endsWith(".yaml")).toList().stream(),
              golden.filter(p -> p.getFileName().toString().equals("input.yaml")).toList().stream())
          .sorted();
    }
  }

  @ParameterizedTest
  @MethodSource("validSpecs")
  void acceptsEveryExampleAndGoldenInput(Path spec) throws IOException {
    assertThat(errors(Files.readString(spec))).isEmpty();
  }

  @Test
  void refusesUnknownFieldsUnknownParametersAndBadValues() throws IOException {
    String base =
        "apiVersion: paved.dev/v1alpha1\nkind: App\napp: chat\nteam: search\npath: llm-inference\n";
    for (String bad :
        List.of(
            base + "tema: x\n",
            base + "with: {modle: 'hf://a/b'}\n",
            base + "with: {model: 'hf://a/b', gpus: two}\n",
            base + "with: {model: 'meta-llama/x'}\n",
            base + "secrets: [hf-token]\n",
            base.replace("app: chat", "app: Chat_Bot"))) {
      assertThat(errors(bad)).as(bad).isNotEmpty();
    }
  }

  private static Set<ValidationMessage> errors(String yaml) throws IOException {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(GENERATED);
    JsonNode document = YAML.readTree(yaml);
    return schema.validate(document);
  }
}
