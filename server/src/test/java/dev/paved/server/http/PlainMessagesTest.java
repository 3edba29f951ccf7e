package dev.paved.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages users read name no Java types, whichever module or library wrote them. */
class PlainMessagesTest {

  @Test
  void aSnakeYamlEventBecomesWords() {
    String message =
        "malformed YAML: Expected a field name (Scalar value in YAML), got this instead:"
            + " <org.yaml.snakeyaml.events.MappingStartEvent(anchor=null, tag=null, implicit=true)>";

    assertThat(PlainMessages.of(message))
        .isEqualTo(
            "malformed YAML: Expected a field name (Scalar value in YAML), got this instead:"
                + " mapping start");
  }

  @Test
  void aQualifiedTypeNameLosesItsPackage() {
    assertThat(PlainMessages.of("cannot read `java.lang.String` into dev.paved.x.Foo$Bar"))
        .isEqualTo("cannot read `String` into Foo");
  }

  @Test
  void ordinaryTextIsLeftAsItIs() {
    String message = "'ghcr.io/example/chat:1.0' is not valid; see paved.dev/v1alpha1 or a.b.Cd";

    assertThat(PlainMessages.of(message)).isEqualTo(message);
    assertThat(PlainMessages.of(null)).isEmpty();
  }
}
