package dev.paved.server.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the portal's forms the way a user does: by following its links from a few entry pages and
 * reading every form that posts (its {@code action}, {@code hx-post} and buttons' {@code
 * formaction}) with the fields and values the page fills in. A new form is fuzzed as soon as a page
 * shows it. Reads our own templates' HTML, so simple patterns do.
 */
public final class PortalForms {

  /** One field as the page fills it. */
  public record Field(String name, String value) {}

  /** Where a form posts, and its fields. */
  public record Form(String action, List<Field> fields) {
    public Form {
      fields = List.copyOf(fields);
    }
  }

  private static final Pattern FORM =
      Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
  private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
  private static final Pattern SELECT =
      Pattern.compile("<select\\b([^>]*)>(.*?)</select>", Pattern.DOTALL);
  private static final Pattern OPTION =
      Pattern.compile("<option\\b([^>]*)>(.*?)</option>", Pattern.DOTALL);
  private static final Pattern TEXTAREA =
      Pattern.compile("<textarea\\b([^>]*)>(.*?)</textarea>", Pattern.DOTALL);
  private static final Pattern FORMACTION = Pattern.compile("formaction=\"(/[^\"]*)\"");
  private static final Pattern LINK = Pattern.compile("href=\"(/[^\"]*)\"");

  private PortalForms() {}

  /**
   * The distinct forms of the pages reachable from {@code entries} (at most {@code pages} pages),
   * by action; {@code get} answers a path with its HTML, or "" when it is not a page.
   */
  public static List<Form> crawl(List<String> entries, int pages, Function<String, String> get) {
    Map<String, Form> forms = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>(entries);
    Deque<String> queue = new ArrayDeque<>(entries);
    for (int fetched = 0; !queue.isEmpty() && fetched < pages; fetched++) {
      String html = get.apply(queue.removeFirst());
      formsOf(html).forEach(f -> forms.putIfAbsent(f.action(), f));
      Matcher link = LINK.matcher(html);
      while (link.find()) {
        String path = unescape(link.group(1));
        if (!path.startsWith("/assets/") && !path.startsWith("/webjars/") && seen.add(path)) {
          queue.add(path);
        }
      }
    }
    return List.copyOf(forms.values());
  }

  static List<Form> formsOf(String html) {
    List<Form> forms = new ArrayList<>();
    Matcher form = FORM.matcher(html);
    while (form.find()) {
      Map<String, String> attributes = attributes(form.group(1));
      List<Field> fields = fields(form.group(2));
      List<String> actions = new ArrayList<>();
      if ("post".equalsIgnoreCase(attributes.getOrDefault("method", ""))) {
        actions.add(attributes.getOrDefault("action", ""));
      }
      if (attributes.containsKey("hx-post")) {
        actions.add(attributes.get("hx-post"));
      }
      Matcher formaction = FORMACTION.matcher(form.group(2));
      while (formaction.find()) {
        actions.add(formaction.group(1));
      }
      actions.stream()
          .filter(a -> a.startsWith("/"))
          .forEach(a -> forms.add(new Form(unescape(a), fields)));
    }
    return forms;
  }

  private static List<Field> fields(String body) {
    List<Field> fields = new ArrayList<>();
    Matcher input = INPUT.matcher(body);
    while (input.find()) {
      Map<String, String> a = attributes(input.group(1));
      if (a.containsKey("name")) {
        fields.add(new Field(a.get("name"), a.getOrDefault("value", "")));
      }
    }
    Matcher select = SELECT.matcher(body);
    while (select.find()) {
      Map<String, String> a = attributes(select.group(1));
      Matcher option = OPTION.matcher(select.group(2));
      String value = "";
      if (option.find()) {
        value = attributes(option.group(1)).getOrDefault("value", option.group(2).strip());
      }
      fields.add(new Field(a.getOrDefault("name", ""), value));
    }
    Matcher textarea = TEXTAREA.matcher(body);
    while (textarea.find()) {
      fields.add(new Field(attributes(textarea.group(1)).get("name"), textarea.group(2)));
    }
    fields.removeIf(f -> f.name() == null || f.name().isEmpty());
    return fields.stream().map(f -> new Field(f.name(), unescape(f.value()))).toList();
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher a = ATTRIBUTE.matcher(tag);
    while (a.find()) {
      attributes.put(a.group(1), a.group(2));
    }
    return attributes;
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
