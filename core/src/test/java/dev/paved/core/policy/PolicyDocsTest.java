package dev.paved.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/policies.md lists every built-in rule with its severity, so the docs cannot drift. */
class PolicyDocsTest {

  @Test
  void theDocsListEveryBuiltInRuleWithItsSeverity() throws IOException {
    String docs = Files.readString(Path.of("../docs/policies.md"));
    for (Rule rule : BuiltInRules.all()) {
      assertThat(docs).contains("| " + rule.id() + " | " + rule.severity().word() + " |");
    }
  }
}
