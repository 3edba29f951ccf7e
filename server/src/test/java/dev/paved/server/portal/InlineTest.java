package dev.paved.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InlineTest {

  @Test
  void backtickedWordsBecomeCodeAndEverythingElseIsEscaped() {
    assertThat(Inline.html("each of `completions` pods, <b>not</b> `parallelism` & more"))
        .isEqualTo(
            "each of <code>completions</code> pods, &lt;b&gt;not&lt;/b&gt;"
                + " <code>parallelism</code> &amp; more");
  }

  @Test
  void anUnpairedBacktickStaysAsItIs() {
    assertThat(Inline.html("a ` alone")).isEqualTo("a ` alone");
    assertThat(Inline.html("`a` and ` b")).isEqualTo("<code>a</code> and ` b");
  }
}
