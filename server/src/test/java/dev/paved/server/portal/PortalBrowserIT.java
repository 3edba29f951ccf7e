package dev.paved.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxClients;
import dev.paved.cluster.sandbox.SandboxLabels;
import dev.paved.cluster.sandbox.Simulation;
import dev.paved.server.PavedServer;
import dev.paved.server.Services;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.server.auth.TeamRole;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import dev.paved.server.platform.Backend;
import dev.paved.server.platform.ClusterMode;
import dev.paved.testing.sandbox.AppSecrets;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The portal in Debian's headless Chromium against a server syncing to the sandbox: sign in, deploy
 * llm-inference through its form and watch it turn Healthy without reloading, open a failing app
 * and apply the doctor's fix with its button, review and merge a prod change with its cost delta as
 * a second person, and roll back. Each page is saved to {@code target/screenshots/}.
 */
@SandboxTest
class PortalBrowserIT {

  private static final String MODEL = "hf://meta-llama/Llama-3.1-8B-Instruct";
  private static final Duration SYNC = Duration.ofSeconds(120);

  private final KubernetesClient client;
  private final Sandbox sandbox;

  PortalBrowserIT(KubernetesClient client, Sandbox sandbox) {
    this.client = client;
    this.sandbox = sandbox;
  }

  @AfterEach
  void removeTheTeamsNamespaces() {
    client.namespaces().withName("demo-dev").delete();
    client.namespaces().withName("demo-prod").delete();
  }

  @Test
  void aDeveloperDeploysFixesReviewsAndRollsBackInTheBrowser() throws Exception {
    String suffix = Long.toString(System.nanoTime() % 1_000_000L, 36);
    String chat = "chat-" + suffix;
    String big = "big-" + suffix;
    Path screenshots = Path.of("target", "screenshots");
    try (Database database =
            Database.open(DatabaseSettings.embedded(Files.createTempDirectory("paved-db-")));
        Backend backend =
            Backend.start(
                Files.createTempDirectory("paved-it-").resolve("platform.git"),
                "file:///platform.git",
                new ClusterMode.Kubeconfig(sandbox.kubeconfig(), Optional.empty()),
                database)) {
      Services services = Services.over(database, backend, Clock.systemUTC());
      services
          .users()
          .put(
              new Principal(
                  "demo", "Dana Demo", PlatformRole.NONE, Map.of("demo", TeamRole.MEMBER)));
      services
          .users()
          .put(
              new Principal(
                  "reviewer",
                  "Robin Reviewer",
                  PlatformRole.NONE,
                  Map.of("demo", TeamRole.MEMBER)));
      String dana = services.tokens().issue("demo", "it").token();
      String robin = services.tokens().issue("reviewer", "it").token();
      services.users().put(new Principal("pat", "Pat Platform", PlatformRole.PLATFORM, Map.of()));
      String pat = services.tokens().issue("pat", "it").token();
      try (PavedServer server = PavedServer.start("127.0.0.1", 0, services);
          Chromium chromium = Chromium.start(screenshots)) {
        Portal portal = new Portal(chromium, server.url().toString());

        portal.open("/login");
        portal.assertAccessible();
        portal.signIn(dana, "01-sign-in");
        portal.deploy(chat, Map.of("f-with-model", MODEL), "03-deploy-form");
        assertThat(portal.text("h1")).contains("Deploy demo/" + chat);
        portal.awaitState("merged");

        portal.open("/apps/demo/" + chat);
        portal.markPage();
        portal.await(By.cssSelector("#live-dev .finding[data-code='CONFIG_MISSING']"));
        assertThat(portal.text("#live-dev .finding"))
            .contains("kubectl create secret generic " + chat + "-secrets -n demo-dev");
        chromium.screenshot("04-app-secret-missing");
        try (var client = SandboxClients.create(sandbox.kubeconfig())) {
          AppSecrets.provide(client, "demo-dev", chat, "VLLM_API_KEY"); // as the fix says
          AppSecrets.provide(client, "demo-dev", big, "VLLM_API_KEY");
        }
        portal.awaitHealth("dev", "HEALTHY");
        assertThat(portal.pageWasNotReloaded()).as("status came live, without a reload").isTrue();
        assertThat(portal.text("#live-dev")).contains("1 × NVIDIA-L4 per replica");
        portal.assertAccessible();
        chromium.screenshot("05-app-healthy");
        portal.open("/apps");
        assertThat(portal.text("#catalog")).contains(chat);
        portal.assertAccessible();
        chromium.screenshot("02-catalog");

        portal.fill(big, Map.of("f-with-model", MODEL, "f-with-memory", "900Gi"));
        assertThat(portal.text("#preview"))
            .contains("blocked by policy")
            .contains("CAP-02")
            .contains("192Gi"); // no L4 node has 900Gi: refused before it could merge
        chromium.screenshot("06-policy-refuses-more-memory-than-a-node-has");

        portal.deploy(big, Map.of("f-with-model", MODEL, "f-with-memory", "16Gi"), "");
        portal.awaitState("merged");
        try (var client = SandboxClients.create(sandbox.kubeconfig())) {
          // the model outgrows its memory: the sandbox's nodes kill it as a real kernel would
          simulate(client, big, Optional.of(Simulation.OOM.annotationValue()));
          portal.open("/apps/demo/" + big);
          By fix = By.cssSelector("#live-dev .finding[data-code='OOM_KILLED'] button");
          portal.await(fix);
          assertThat(portal.text("#live-dev .finding")).contains("OOMKilled");
          chromium.screenshot("06-app-failing-with-fix");
          portal.press(fix);
          portal.awaitUrl("/changes/");
          assertThat(portal.text("main")).contains("Fix OOM_KILLED").contains("memory: 32Gi");
          portal.awaitState("merged");
          simulate(client, big, Optional.empty()); // 32Gi is enough
        }
        portal.open("/apps/demo/" + big);
        portal.awaitHealth("dev", "HEALTHY");

        portal.deploy(chat, Map.of("f-with-model", MODEL, "f-with-maxModelLen", "4096"), "");
        portal.awaitState("merged");
        portal.open("/apps/demo/" + chat);
        portal.click("#live-dev ~ details summary");
        By rollback = By.xpath("//button[starts-with(., 'Roll back to')]");
        portal.await(rollback);
        String before = portal.text("#live-dev dd code");
        chromium.screenshot("09-app-history");
        portal.press(rollback);
        portal.awaitUrl("/changes/");
        assertThat(portal.text("h1")).startsWith("Roll back");
        assertThat(portal.text("main")).contains("maxModelLen");
        portal.awaitState("merged");
        portal.open("/apps/demo/" + chat);
        await()
            .atMost(SYNC)
            .untilAsserted(() -> assertThat(portal.text("#live-dev dd code")).isNotEqualTo(before));

        portal.deploy(chat, Map.of("f-with-model", MODEL), "", "prod");
        String review = portal.url();
        portal.awaitState("open");
        assertThat(portal.text("#cost-delta")).startsWith("+$");
        assertThat(portal.text("main"))
            .contains("Rendered for prod")
            .contains("Before")
            .contains("After");
        portal.assertAccessible();
        chromium.screenshot("07-change-review");
        // as the author: no Merge button; the page says prod waits for another's approval
        assertThat(portal.buttons()).doesNotContain("Merge").contains("Close");
        assertThat(portal.text("#waiting")).contains("prod needs 1 approval(s)");

        portal.signOut();
        portal.signIn(robin, "");
        portal.open(review.substring(review.indexOf("/changes/")));
        portal.clickButton("Approve");
        portal.await(By.xpath("//dd[normalize-space(.)='reviewer']")); // the approval is shown
        portal.clickButton("Merge");
        portal.awaitState("merged");
        portal.await(By.cssSelector("#sync tbody tr"));
        chromium.screenshot("08-change-merged-syncing");
        try (var client = SandboxClients.create(sandbox.kubeconfig())) {
          AppSecrets.provide(client, "demo-prod", chat, "VLLM_API_KEY");
        }
        portal.open("/apps/demo/" + chat);
        portal.awaitHealth("prod", "HEALTHY");

        portal.open("/teams/demo");
        portal.await(By.cssSelector("canvas[data-drawn='yes']"));
        portal.assertAccessible();
        chromium.screenshot("10-team");
        portal.open("/paths");
        portal.assertAccessible();
        chromium.screenshot("02-golden-paths");

        portal.signOut();
        portal.signIn(pat, "");
        portal.open("/platform");
        assertThat(portal.text("main")).contains("reachable").contains("NVIDIA-L4").contains(chat);
        assertThat(portal.text("main")).contains("no environment syncs to it"); // eks, gke, …
        portal.assertAccessible();
        chromium.screenshot("11-platform");
      }
    }
  }

  /**
   * Sets (or clears) the sandbox's failure simulation on an app's pods, as a change of the
   * cluster's own, outside Paved (its field manager is not Paved's, so syncs leave it alone).
   */
  private static void simulate(KubernetesClient client, String app, Optional<String> failure) {
    client
        .apps()
        .deployments()
        .inNamespace("demo-dev")
        .withName(app)
        .edit(
            d -> {
              var annotations =
                  new java.util.HashMap<>(
                      Optional.ofNullable(d.getSpec().getTemplate().getMetadata().getAnnotations())
                          .orElse(Map.of()));
              failure.ifPresentOrElse(
                  f -> annotations.put(SandboxLabels.SIMULATE, f),
                  () -> annotations.remove(SandboxLabels.SIMULATE));
              d.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
              return d;
            });
  }

  /** The steps a user takes, in words. */
  private static final class Portal {

    private final Chromium chromium;
    private final ChromeDriver driver;
    private final String base;

    Portal(Chromium chromium, String base) {
      this.chromium = chromium;
      this.driver = chromium.driver();
      this.base = base;
    }

    void signIn(String token, String screenshot) {
      open("/apps");
      await(By.id("token")).sendKeys(token);
      if (!screenshot.isEmpty()) {
        chromium.screenshot(screenshot);
      }
      driver.findElement(By.cssSelector("form button[type=submit]")).click();
      await(By.cssSelector("header .who"));
    }

    void signOut() {
      driver.findElement(By.cssSelector("header .who button")).click();
      await(By.id("token"));
    }

    /** Fills the llm-inference form and opens the change; lands on the change page. */
    void deploy(String app, Map<String, String> fields, String screenshot, String... envs) {
      fill(app, fields, envs);
      if (!screenshot.isEmpty()) {
        chromium.screenshot(screenshot);
      }
      clickButton("Open change request");
      awaitUrl("/changes/");
    }

    /** Fills the llm-inference form and waits for its preview; opens nothing. */
    void fill(String app, Map<String, String> fields, String... envs) {
      open("/paths/llm-inference");
      await(By.id("f-app")).sendKeys(app);
      fields.forEach((id, value) -> driver.findElement(By.id(id)).sendKeys(value));
      if (envs.length > 0) {
        for (WebElement box : driver.findElements(By.name("envs"))) {
          if (box.isSelected()) {
            box.click();
          }
        }
        for (String env : envs) {
          driver.findElement(By.cssSelector("input[name=envs][value='" + env + "']")).click();
        }
      }
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              // the preview of the whole form: every value typed, not an earlier keystroke's
              () -> {
                String preview = text("#preview");
                return preview.contains("/mo")
                    && preview.contains("app: " + app)
                    && fields.values().stream().allMatch(preview::contains);
              });
      assertAccessible();
    }

    void open(String path) {
      driver.get(base + path);
    }

    String url() {
      return driver.getCurrentUrl();
    }

    /** The element's text; a live update may replace it between finding and reading, so retry. */
    String text(String css) {
      for (int attempt = 1; ; attempt++) {
        try {
          return driver.findElement(By.cssSelector(css)).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
          if (attempt == 5) {
            throw replaced;
          }
        }
      }
    }

    void click(String css) {
      driver.findElement(By.cssSelector(css)).click();
    }

    /** Presses the button with this label once it is there (the page may still be loading). */
    /** The labels of the page's buttons, in page order. */
    java.util.List<String> buttons() {
      return driver.findElements(By.cssSelector("main button")).stream()
          .map(b -> b.getText().strip())
          .toList();
    }

    void clickButton(String label) {
      press(By.xpath("//button[normalize-space(.)='" + label + "']"));
    }

    /** Waits until the change page shows this state (after a form was sent, the page reloads). */
    void awaitState(String state) {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> text(".heading .health"), state::equals);
    }

    /**
     * The element once it shows (parts of the page are swapped in place, so look again each time).
     */
    WebElement await(By by) {
      return org.awaitility.Awaitility.await()
          .atMost(SYNC)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(
              () -> {
                WebElement element = driver.findElement(by);
                return element.isDisplayed() ? element : null;
              },
              java.util.Objects::nonNull);
    }

    /** Clicks the element once it shows, finding it again if a live update replaced it. */
    void press(By by) {
      org.awaitility.Awaitility.await()
          .atMost(SYNC)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(
              () -> {
                driver.findElement(by).click();
                return true;
              });
    }

    void awaitUrl(String part) {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> driver.getCurrentUrl().contains(part));
    }

    void awaitHealth(String env, String health) {
      org.awaitility.Awaitility.await()
          .atMost(SYNC)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(
              () ->
                  driver
                      .findElement(By.cssSelector("#live-" + env + " [data-health]"))
                      .getAttribute("data-health"),
              health::equals);
    }

    /**
     * The page's basic accessibility: one h1, a language, a label for every control, a name for
     * every button, alt text for every image.
     */
    @SuppressWarnings("unchecked")
    java.util.List<String> accessibilityProblems() {
      return (java.util.List<String>)
          driver.executeScript(
              """
              const problems = [];
              if (!document.documentElement.lang) problems.push('no lang on <html>');
              const h1 = document.querySelectorAll('h1').length;
              if (h1 !== 1) problems.push(h1 + ' h1 elements');
              document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(c => {
                if (!(c.labels && c.labels.length) && !c.getAttribute('aria-label'))
                  problems.push('no label: ' + c.outerHTML.slice(0, 80));
              });
              document.querySelectorAll('button, a').forEach(b => {
                if (!b.textContent.trim() && !b.getAttribute('aria-label'))
                  problems.push('no name: ' + b.outerHTML.slice(0, 80));
              });
              document.querySelectorAll('img').forEach(i => {
                if (!i.hasAttribute('alt')) problems.push('no alt: ' + i.outerHTML.slice(0, 80));
              });
              return problems;
              """);
    }

    /** Checks the page now shown. */
    void assertAccessible() {
      assertThat(accessibilityProblems()).as(driver.getCurrentUrl()).isEmpty();
    }

    /** Marks the page, so a later check can tell that it was updated in place. */
    void markPage() {
      driver.executeScript("window.pavedMarker = 'still here';");
    }

    boolean pageWasNotReloaded() {
      return "still here".equals(driver.executeScript("return window.pavedMarker;"));
    }
  }
}
