package dev.paved.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.gitops.repo.FileChange;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiffViewTest {

  private static final DiffView DIFF =
      DiffView.of(
          new FileChange(
              "apps/search/chat/paved.yaml",
              Optional.of("app: chat\nwith:\n  gpus: 16\n  model: x\n"),
              Optional.of("app: chat\nwith:\n  gpus: 8\n  model: x\n")));

  @Test
  void linesCarryTheirNumbersOnEachSide() {
    assertThat(DIFF.kind()).isEqualTo("modified");
    assertThat(DIFF.added()).isEqualTo(1);
    assertThat(DIFF.removed()).isEqualTo(1);
    DiffView.Line removed =
        DIFF.lines().stream().filter(l -> l.kind().equals("del")).findFirst().orElseThrow();
    assertThat(removed.before()).isEqualTo(3);
    assertThat(removed.after()).isZero();
    assertThat(removed.sign()).isEqualTo("-");
  }

  @Test
  void sideBySideSetsAReplacedLineBesideItsReplacement() {
    DiffView.Pair changed =
        DIFF.pairs().stream()
            .filter(p -> p.left().map(l -> l.kind().equals("del")).orElse(false))
            .findFirst()
            .orElseThrow();

    assertThat(changed.left().orElseThrow().text()).isEqualTo("  gpus: 16");
    assertThat(changed.right().orElseThrow().text()).isEqualTo("  gpus: 8");
    assertThat(DIFF.pairs()).hasSize(DIFF.lines().size() - 1);
  }

  @Test
  void yamlKeysAreSplitFromTheirValuesForColour() {
    DiffView.Line line = new DiffView.Line("same", 1, 1, "  - name: HF_TOKEN # secret");

    assertThat(line.lead()).isEqualTo("  - ");
    assertThat(line.key()).isEqualTo("name:");
    assertThat(line.rest()).isEqualTo(" HF_TOKEN # secret");
    assertThat(new DiffView.Line("same", 1, 1, "plain text").key()).isEmpty();
  }
}
