package dev.paved.server.fuzz;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes one generated submission of a portal form. Most carry a valid session and its CSRF token,
 * so they reach the form's handler; their fields are the page's values, seeds, near misses or
 * hostile values, removed, repeated or joined by unknown ones. The rest come without a session,
 * with a wrong token, in another encoding, as bytes that are no form at all, or too large.
 */
public final class FormFuzzer {

  /** The request, how to show it, and whose session it used (empty for none). */
  public record Submission(HttpRequest request, Sent sent, String user) {}

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final List<String> CONTENT_TYPES =
      List.of(
          "multipart/form-data",
          "multipart/form-data; boundary=----x",
          "application/json",
          "text/plain",
          FORM + "; charset=nonsense",
          FORM + "; charset=utf-16",
          "");

  private final URI base;
  private final PortalSessions sessions;
  private final Seeds seeds;
  private final List<String> people;

  public FormFuzzer(URI base, PortalSessions sessions, Seeds seeds, List<String> people) {
    this.base = base;
    this.sessions = sessions;
    this.seeds = seeds;
    this.people = List.copyOf(people);
  }

  public Submission next(PortalForms.Form form, RandomGenerator random) {
    String user = people.get(random.nextInt(people.size()));
    PortalSessions.Session session = sessions.of(user);
    int mode = random.nextInt(20);
    List<String> inputs = new ArrayList<>();
    List<String[]> fields = fields(form, session, mode, random, inputs);
    String type = mode == 19 ? CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())) : FORM;
    byte[] body = random.nextInt(12) == 0 ? spoiled(fields, random) : encoded(fields);
    String target = target(form.action(), random, inputs);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + target))
            .timeout(Probe.PATIENCE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!type.isEmpty()) {
      request.header("Content-Type", type);
    }
    String who = user + "'s session";
    if (mode == 17) {
      who = "no session";
    } else {
      request.header("Cookie", session.cookie());
    }
    if (mode == 19) {
      request.header("X-CSRF-Token", session.csrf());
    }
    who += mode == 18 ? " with a wrong CSRF token" : "";
    return new Submission(request.build(), new Sent("POST", target, who, type, body, inputs), user);
  }

  /** The action, or a fifth of the time with one of its segments after the first spoiled. */
  private static String target(String action, RandomGenerator random, List<String> inputs) {
    String[] segments = action.split("/", -1);
    if (segments.length < 3 || random.nextInt(5) != 0) {
      return action;
    }
    int at = 2 + random.nextInt(segments.length - 2);
    String value =
        random.nextBoolean() ? Hostile.any(random) : Hostile.nearly(segments[at], random);
    inputs.add(value);
    segments[at] = Uris.segment(value, random);
    String target = String.join("/", segments);
    return Uris.legal(target) ? target : action;
  }

  private List<String[]> fields(
      PortalForms.Form form,
      PortalSessions.Session session,
      int mode,
      RandomGenerator random,
      List<String> inputs) {
    List<String[]> fields = new ArrayList<>();
    for (PortalForms.Field field : form.fields()) {
      if (field.name().equals("_csrf")) {
        if (mode < 17) {
          fields.add(new String[] {"_csrf", session.csrf()});
        } else if (mode == 18) {
          fields.add(new String[] {"_csrf", "0".repeat(session.csrf().length())});
        }
        continue;
      }
      int roll = random.nextInt(20);
      if (roll == 0) {
        continue;
      }
      int copies = roll == 1 ? (random.nextBoolean() ? 2 : 500) : 1;
      for (int i = 0; i < copies; i++) {
        String value = value(field, roll, random);
        inputs.add(value);
        fields.add(new String[] {field.name(), value});
      }
    }
    if (random.nextInt(10) == 0) {
      String name = random.nextBoolean() ? "with." + Hostile.any(random) : Hostile.any(random);
      inputs.add(name);
      fields.add(new String[] {name, Hostile.any(random)});
    }
    return fields;
  }

  /** The page's value (a seed when the page leaves it empty), a near miss, or a hostile one. */
  private String value(PortalForms.Field field, int roll, RandomGenerator random) {
    String valid =
        field.value().isEmpty() ? seeds.pick(field.name(), random).orElse("") : field.value();
    if (roll < 12) {
      return valid;
    }
    return roll < 15 ? Hostile.nearly(valid, random) : Hostile.any(random);
  }

  private static byte[] encoded(List<String[]> fields) {
    List<String> pairs = new ArrayList<>();
    for (String[] field : fields) {
      pairs.add(
          URLEncoder.encode(field[0], StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(field[1], StandardCharsets.UTF_8));
    }
    return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes that are not a well-formed form: bad escapes, bare separators, many keys, too large. */
  private static byte[] spoiled(List<String[]> fields, RandomGenerator random) {
    String form = new String(encoded(fields), StandardCharsets.UTF_8);
    String text =
        switch (random.nextInt(7)) {
          case 0 -> form + "&a=%zz&b=%&%=c";
          case 1 -> form + "&&&==&=&";
          case 2 -> form + "&x=" + "y".repeat(300_000);
          case 3 -> form + "&k=v".repeat(2_000);
          case 4 -> form.replace("=", "");
          case 5 -> "{\"app\": \"chat\"}";
          default -> form + "&" + Hostile.randomText(random, 30);
        };
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
