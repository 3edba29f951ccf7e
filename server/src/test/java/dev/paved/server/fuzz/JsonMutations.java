package dev.paved.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Spoils a valid JSON body in place: a value of another type, a field removed or added, a hostile
 * or huge string, a number out of range, deep nesting, null, or a spec's YAML mutated.
 */
public final class JsonMutations {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private JsonMutations() {}

  /** The body with one to three mutations at random places (the root may be replaced). */
  public static JsonNode mutate(JsonNode valid, RandomGenerator random) {
    JsonNode body = valid.deepCopy();
    int rounds = 1 + random.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      List<ContainerNode<?>> containers = new ArrayList<>();
      collect(body, containers);
      if (containers.isEmpty() || random.nextInt(12) == 0) {
        body = replacement(body, random);
        continue;
      }
      ContainerNode<?> at = containers.get(random.nextInt(containers.size()));
      if (at instanceof ObjectNode object) {
        mutateField(object, random);
      } else {
        mutateItem((ArrayNode) at, random);
      }
    }
    return body;
  }

  private static void collect(JsonNode node, List<ContainerNode<?>> into) {
    if (node instanceof ContainerNode<?> container) {
      into.add(container);
      node.forEach(child -> collect(child, into));
    }
  }

  private static void mutateField(ObjectNode object, RandomGenerator random) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty() || random.nextInt(5) == 0) {
      object.set(random.nextBoolean() ? "unknown" : Hostile.any(random), replacement(null, random));
      return;
    }
    String name = names.get(random.nextInt(names.size()));
    if (random.nextInt(4) == 0) {
      object.remove(name);
    } else {
      object.set(name, replacement(object.get(name), random));
    }
  }

  private static void mutateItem(ArrayNode array, RandomGenerator random) {
    if (array.isEmpty() || random.nextInt(4) == 0) {
      int copies = random.nextInt(3) == 0 ? 1_000 : 1 + random.nextInt(3);
      JsonNode item = array.isEmpty() ? replacement(null, random) : array.get(0);
      for (int i = 0; i < copies; i++) {
        array.add(item.deepCopy());
      }
      return;
    }
    int at = random.nextInt(array.size());
    if (random.nextInt(4) == 0) {
      array.remove(at);
    } else {
      array.set(at, replacement(array.get(at), random));
    }
  }

  /** What takes a value's place: another type, a hostile value, or a mutated spec. */
  static JsonNode replacement(JsonNode old, RandomGenerator random) {
    if (old != null && old.isTextual() && old.asText().contains("\n") && random.nextBoolean()) {
      return JSON.textNode(SpecMutations.mutate(old.asText(), random));
    }
    return switch (random.nextInt(12)) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.booleanNode(random.nextBoolean());
      case 2 -> number(random);
      case 3 -> JSON.arrayNode().add(old == null ? JSON.textNode("x") : old);
      case 4 -> JSON.objectNode().set("value", old == null ? JSON.textNode("x") : old);
      case 5 -> nested(random);
      case 6 -> JSON.arrayNode();
      case 7 -> JSON.objectNode();
      case 8 -> JSON.textNode(Hostile.longText(random));
      case 9 ->
          old != null && old.isTextual()
              ? JSON.textNode(Hostile.nearly(old.asText(), random))
              : JSON.textNode(Hostile.any(random));
      default -> JSON.textNode(Hostile.any(random));
    };
  }

  private static JsonNode number(RandomGenerator random) {
    return switch (random.nextInt(6)) {
      case 0 -> JSON.numberNode(new BigInteger("9".repeat(40)));
      case 1 -> JSON.numberNode(Long.MIN_VALUE);
      case 2 -> JSON.numberNode(-1);
      case 3 -> JSON.numberNode(1e308);
      case 4 -> JSON.numberNode(new java.math.BigDecimal("1e-400"));
      default -> JSON.numberNode(0);
    };
  }

  /**
   * Arrays or objects nested 2 to 300 deep (three of them stacked stay under Jackson's limit of
   * 1,000 for writing); deeper ones, past the parser's limit, are made as text by {@link
   * TextMutations}.
   */
  private static JsonNode nested(RandomGenerator random) {
    int depth = random.nextInt(4) == 0 ? 200 + random.nextInt(100) : 2 + random.nextInt(50);
    JsonNode node = JSON.textNode("deep");
    for (int i = 0; i < depth; i++) {
      node = random.nextBoolean() ? JSON.arrayNode().add(node) : JSON.objectNode().set("d", node);
    }
    return node;
  }
}
