package org.bulletin.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bulletin.app.RunProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (#18): Debian's headless Chromium, driven through its chromedriver by Selenium,
 * against {@code bulletin run} (the real jar, its embedded broker, registry process, three stages and store) with the
 * bundled sample plus a few pushed records: a release titled {@code <script>alert(1)</script>}, an exact copy of it
 * under another key (a duplicate) and an empty page (a dead letter). The page's counts are checked against the API,
 * a search against the API's answer, a release's evidence marks against its offsets, the script title as text, a
 * re-drive with the push token, and what the page shows once the server is gone. Skips, saying why, where
 * /usr/bin/chromium or /usr/bin/chromedriver is missing ({@code apt-get install chromium chromium-driver}).
 * {@code -Dconsole.screenshots=DIR} saves the README's screenshots there.
 */
@Tag("issue-18")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "console-it-token";
    private static final String SCRIPT_TITLE = "<script>alert(1)</script>";
    private static final String SAMPLE_TITLE = "CSTO experts assessed the situation on the Tajik-Afghan border";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private RunProcess run;
    private WebDriver driver;
    private String base;
    private Path screenshots;

    private static final String NO_BROWSER = "the console's browser test needs Debian's chromium and chromium-driver"
            + " (/usr/bin/chromium, /usr/bin/chromedriver): apt-get install chromium chromium-driver";

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            // Each test then skips with this reason (a class-level skip would be reported without it).
            System.err.println("ConsoleBrowserIT skipped: " + NO_BROWSER);
            return;
        }
        String dir = System.getProperty("console.screenshots");
        screenshots = dir == null || dir.isBlank() ? null : Files.createDirectories(Path.of(dir));

        run = RunProcess.start(
                tmp.resolve("data"), RunProcess.freePorts(), "--set", "bulletin.ingest.push.token=" + TOKEN);
        run.awaitLine("Running.", Duration.ofSeconds(150));
        base = run.apiUrl();
        String page = """
                <html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></head><body><article>
                <h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>
                <p>On 15 March 2025, a working group of the CSTO Secretariat visited the Ishkashim outpost of the
                Republic of Tajikistan on the Tajik-Afghan border and discussed reinforcing the state border against
                drug trafficking.</p></article></body></html>""";
        push("text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        awaitApi(() -> run.get("/v1/releases?limit=100").path("items").size() == 7, "the pushed page stored");
        // The same page under another key: enrich marks it a duplicate of the first.
        push(
                "application/json",
                JSON.writeValueAsBytes(Map.of("url", "https://example.org/copy/script", "html", page)));
        // No release in it: enrich gives up on it, into the dead-letter topic.
        push("text/html", "<html><body></body></html>".getBytes(StandardCharsets.UTF_8));
        awaitApi(
                () -> run.get("/v1/releases?limit=100").path("items").size() == 8
                        && run.get("/v1/flow").path("deadLetters").path("count").asLong() == 1,
                "the duplicate stored and the empty page dead-lettered");

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()) // never Selenium Manager: nothing is downloaded
                .usingAnyFreePort()
                .withLogFile(tmp.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")),
                "--window-size=1280,1000");
        driver = new ChromeDriver(service, options);
    }

    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(driver != null, NO_BROWSER);
    }

    @AfterEach
    void keepWhatTheBrowserShowed(TestInfo test) throws IOException {
        if (driver != null) {
            // Beside the surefire reports, to see what a failing step showed.
            Path dir = Files.createDirectories(Path.of("target", "console-it"));
            File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(
                    png.toPath(),
                    dir.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    @Order(1)
    void shouldShowTheFlowOfEveryStageAndTheCountsTheApiGives() throws Exception {
        open("#/");
        // Every stage running; ingest counted the 6 sample files and the 3 pushes.
        for (String stage : List.of("ingest", "enrich", "publish")) {
            WebElement card = await(By.cssSelector(".stage[data-stage='" + stage + "']"));
            assertThat(card.findElement(By.cssSelector(".badge")).getText()).isEqualToIgnoringCase("running");
        }
        waitUntil(
                () -> text(".stage[data-stage='ingest'] .v-hour")
                        .equals(Long.toString(stageOf(run.get("/v1/flow"), "ingest")
                                .path("lastHour")
                                .asLong())),
                "ingest's last hour as /v1/flow has it");
        // The 6 sample files and the 3 pushes; sampling starts as the API does, maybe after the first sample files.
        assertThat(Long.parseLong(text(".stage[data-stage='ingest'] .v-hour"))).isBetween(3L, 9L);
        assertThat(text(".stage[data-stage='enrich'] .v-errors")).isEqualTo("1");
        assertThat(text(".dlq .badge")).isEqualTo("1");
        assertThat(text(".dlq .reasons")).contains("no release found in the document");

        // What arrived: the total as /v1/stats counts it, every matrix cell as many as the listing behind it.
        JsonNode stats = run.get("/v1/stats");
        assertThat(text("#arrived-total"))
                .isEqualTo(Long.toString(stats.path("total").asLong()));
        assertThat(text("#arrived-duplicates")).isEqualTo("1");
        List<WebElement> cells = driver.findElements(By.cssSelector("#matrix td[data-count]"));
        assertThat(cells).hasSizeGreaterThan(10);
        int checked = 0;
        for (WebElement row : driver.findElements(By.cssSelector("#matrix tbody tr"))) {
            String region = row.getAttribute("data-region");
            for (WebElement cell : row.findElements(By.cssSelector("td[data-topic]"))) {
                String topic = cell.getAttribute("data-topic");
                long listed = listed("region=" + region + "&topic=" + topic);
                assertThat(Long.parseLong(cell.getAttribute("data-count")))
                        .as("cell %s x %s", region, topic)
                        .isEqualTo(listed);
                checked++;
            }
            assertThat(Long.parseLong(
                            row.findElement(By.cssSelector("td.total")).getAttribute("data-count")))
                    .as("row %s", region)
                    .isEqualTo(listed("region=" + region));
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(driver.findElements(By.cssSelector("#latest-body .release-item")))
                .hasSize(8);
        assertThat(driver.findElement(By.id("live")).getText()).startsWith("Connected");
        screenshot("overview");
    }

    @Test
    @Order(2)
    void shouldListTheReleasesOfAMatrixCellWhenItIsClicked() {
        open("#/");
        WebElement cell =
                await(By.cssSelector("#matrix tr[data-region='central-asia'] td[data-topic='border-security'] a"));
        String expected = cell.getText();
        cell.click();
        waitUntil(() -> driver.getCurrentUrl().contains("#/releases?"), "the releases view");
        waitUntil(() -> text("#results-status").contains("newest first"), "the list");
        assertThat(driver.getCurrentUrl()).contains("region=central-asia").contains("topic=border-security");
        assertThat(driver.findElements(By.cssSelector("#results .release-item")))
                .hasSize(Integer.parseInt(expected));
    }

    @Test
    @Order(3)
    void shouldFindWhatTheApiFindsForASearch() throws Exception {
        open("#/releases");
        waitUntil(() -> text("#results-status").contains("newest first"), "the first page");
        WebElement q = driver.findElement(By.id("f-q"));
        q.sendKeys("Tajikistan border", Keys.ENTER);
        waitUntil(() -> driver.getCurrentUrl().contains("q=Tajikistan"), "the search in the address");
        List<String> expected = new ArrayList<>();
        run.get("/v1/releases?limit=20&q=" + URLEncoder.encode("Tajikistan border", StandardCharsets.UTF_8))
                .path("items")
                .forEach(i -> expected.add(i.path("id").asText()));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        waitUntil(() -> ids().equals(expected), "the same releases as the API, in its order");
        screenshot("releases");
    }

    @Test
    @Order(4)
    void shouldHighlightEachLabelsEvidenceInPlace() throws Exception {
        open("#/releases?q=" + URLEncoder.encode("Tajik-Afghan", StandardCharsets.UTF_8));
        WebElement link = awaitText(By.cssSelector("#results .release-title"), SAMPLE_TITLE);
        String id = link.findElement(By.xpath("..")).getAttribute("data-id");
        link.click();
        await(By.cssSelector("#release-text mark.evidence"));
        assertThat(text("#release-title")).isEqualTo(SAMPLE_TITLE);

        JsonNode release = run.get("/v1/releases/" + id);
        String fullText =
                release.path("title").asText() + "\n\n" + release.path("body").asText();
        Map<String, List<String>> marks = new TreeMap<>();
        for (WebElement m : driver.findElements(By.cssSelector("mark.evidence"))) {
            for (String key : m.getAttribute("data-labels").split(" ")) {
                marks.computeIfAbsent(key, k -> new ArrayList<>()).add(m.getText());
            }
        }
        // Every label has marks; a phrase of its evidence that overlaps no other is marked whole, with its label.
        int whole = 0;
        for (String kind : List.of("regions", "topics")) {
            for (JsonNode label : release.path(kind)) {
                String key = kind.substring(0, kind.length() - 1) + ":"
                        + label.path("id").asText();
                assertThat(marks).as("marks of %s", key).containsKey(key);
                for (JsonNode ev : label.path("evidence")) {
                    int start = ev.path("start").asInt();
                    int end = ev.path("end").asInt();
                    assertThat(fullText.substring(start, end))
                            .isEqualTo(ev.path("phrase").asText());
                    if (alone(release, start, end)) {
                        assertThat(marks.get(key)).contains(ev.path("phrase").asText());
                        whole++;
                    }
                }
            }
        }
        assertThat(whole).isGreaterThanOrEqualTo(3);
        screenshot("release");

        // Choosing a label keeps only its evidence highlighted.
        driver.findElement(By.cssSelector("button[data-label='topic:diplomacy']"))
                .click();
        List<WebElement> chosen = driver.findElements(By.cssSelector("mark.evidence.chosen"));
        assertThat(chosen)
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getAttribute("data-labels")).contains("topic:diplomacy"));
        assertThat(chosen).extracting(WebElement::getText).contains("Secretary General");
    }

    @Test
    @Order(5)
    void shouldShowAScriptTitleAsTextAndLinkTheDuplicateToItsOriginal() throws Exception {
        open("#/");
        WebElement item = awaitText(By.cssSelector("#latest-body .release-title"), SCRIPT_TITLE);
        assertThat(item.getText()).isEqualTo(SCRIPT_TITLE);
        // The page runs its own script and nothing else.
        assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
        assertThat(((JavascriptExecutor) driver)
                        .executeScript("return document.querySelectorAll('body script').length"))
                .isEqualTo(0L);

        open("#/release/" + URLEncoder.encode("https://example.org/copy/script", StandardCharsets.UTF_8));
        WebElement original = await(By.id("duplicate-of"));
        assertThat(text("#release-title")).isEqualTo(SCRIPT_TITLE);
        // A duplicate joins its original's story (#17): the story lists the reports of the event, titles as text.
        waitUntil(() -> text("#story").contains(" reports in "), "the story of the copy and its original");
        assertThat(text("#story")).contains(SCRIPT_TITLE);
        original.click();
        waitUntil(() -> driver.getCurrentUrl().contains("#/release/sha256"), "the original's page");
        waitUntil(() -> text("#release-title").equals(SCRIPT_TITLE), "the original's title, as text");
        assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
        assertNoAlert();
    }

    @Test
    @Order(6)
    void shouldBrowseDeadLettersAndRedriveOneWithThePushToken() throws Exception {
        open("#/dead-letters");
        WebElement position = await(By.cssSelector("#dlq-list button[data-position]"));
        assertThat(driver.findElements(By.cssSelector("#dlq-list tbody tr"))).hasSize(1);
        position.click();
        WebElement redrive = await(By.id("redrive"));
        assertThat(text("#dlq-detail"))
                .contains("no release found in the document")
                .contains("bulletin.raw.v1");

        redrive.click();
        waitUntil(() -> text("#redrive-status").contains("enter the push token"), "a refusal without a token");
        driver.findElement(By.id("push-token")).sendKeys("wrong");
        redrive.click();
        waitUntil(() -> text("#redrive-status").contains("The token was refused"), "a refusal of a wrong token");
        assertThat(run.get("/v1/flow").path("deadLetters").path("count").asLong())
                .isEqualTo(1);

        WebElement token = driver.findElement(By.id("push-token"));
        token.clear();
        token.sendKeys(TOKEN);
        redrive.click();
        waitUntil(() -> text("#redrive-status").contains("Sent back to bulletin.raw.v1"), "the re-drive");
        screenshot("dead-letters");
        // Still without a release, the record comes back as a second dead letter, marked as re-driven.
        awaitApi(() -> run.get("/v1/dead-letters").path("items").size() == 2, "the re-driven record dead again");
        waitUntil(
                () -> driver.findElements(By.cssSelector("#dlq-list tbody tr")).size() == 2, "the list refreshed");
        JsonNode newest = run.get("/v1/dead-letters?limit=1").path("items").get(0);
        JsonNode detail = run.get("/v1/dead-letters/" + newest.path("partition").asInt() + "/"
                + newest.path("offset").asLong());
        List<String> headers = new ArrayList<>();
        detail.path("headers").forEach(h -> headers.add(h.path("name").asText()));
        assertThat(headers).contains("bulletin.dlq.retried.from");
    }

    @Test
    @Order(7)
    void shouldFitAPhoneScreen() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            open("#/");
            await(By.cssSelector(".stage[data-stage='publish']"));
            await(By.id("matrix"));
            assertThat((Long) ((JavascriptExecutor) driver).executeScript("return window.innerWidth"))
                    .as("the window is phone-sized")
                    .isLessThan(420);
            Object overflow = ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
            assertThat(overflow).as("the page scrolls sideways on a phone").isEqualTo(false);
            screenshot("overview-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(8)
    void shouldShowThatTheServerIsGoneInsteadOfABlankPageOrASpinner() throws Exception {
        open("#/");
        await(By.cssSelector(".stage[data-stage='ingest']"));
        assertThat(run.stop()).as("bulletin run stopped on SIGTERM").isTrue();
        waitUntil(
                () -> driver.findElement(By.id("live")).getText().startsWith("Server unreachable"),
                "the header saying the server is unreachable");
        waitUntil(() -> text("#flow-status").startsWith("Could not load the flow"), "the flow's problem");
        assertThat(driver.findElement(By.id("flow-status")).getAttribute("role"))
                .isEqualTo("alert");
        // The last figures stay, greyed, rather than a blank page.
        assertThat(driver.findElements(By.cssSelector("#flow.stale .stage"))).hasSize(3);
        screenshot("server-gone");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void push(String contentType, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> r = run.post("/v1/releases", contentType, "Bearer " + TOKEN, body);
        assertThat(r.statusCode()).as("push answered %s", r.body()).isEqualTo(202);
    }

    private void open(String hash) {
        driver.get(base + "/" + hash);
        assertNoAlert();
    }

    private void assertNoAlert() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("the page opened an alert: a string ran as script");
        } catch (NoAlertPresentException expected) {
            // as it must be
        }
    }

    private long listed(String filters) throws IOException, InterruptedException {
        return run.get("/v1/releases?limit=100&" + filters).path("items").size();
    }

    private static JsonNode stageOf(JsonNode flow, String stage) {
        for (JsonNode s : flow.path("stages")) {
            if (s.path("stage").asText().equals(stage)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + stage + " in " + flow);
    }

    /** Whether [start, end) overlaps no other evidence of the release (any label). */
    private static boolean alone(JsonNode release, int start, int end) {
        int overlapping = 0;
        for (String kind : List.of("regions", "topics")) {
            for (JsonNode label : release.path(kind)) {
                for (JsonNode ev : label.path("evidence")) {
                    int s = ev.path("start").asInt();
                    int e = ev.path("end").asInt();
                    if (s < end && e > start && !(s == start && e == end)) {
                        overlapping++;
                    }
                }
            }
        }
        return overlapping == 0;
    }

    private List<String> ids() {
        return driver.findElements(By.cssSelector("#results .release-item")).stream()
                .map(e -> e.getAttribute("data-id"))
                .toList();
    }

    private String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private WebElement await(By by) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(() -> "waiting for " + by + " on " + driver.getCurrentUrl())
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    return found.isEmpty() ? null : found.get(0);
                });
    }

    private WebElement awaitText(By by, String text) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(() -> "waiting for " + by + " reading '" + text + "' on " + driver.getCurrentUrl())
                .until(d -> d.findElements(by).stream()
                        .filter(e -> e.getText().equals(text))
                        .findFirst()
                        .orElse(null));
    }

    private void waitUntil(Check condition, String what) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "waiting for " + what + " on " + driver.getCurrentUrl())
                .until(d -> {
                    try {
                        return condition.holds();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException("while waiting for " + what, e);
                    }
                });
    }

    /** A condition that may ask the API. */
    private interface Check {
        boolean holds() throws IOException, InterruptedException;
    }

    private static void awaitApi(Check check, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(300);
        }
    }

    /** Saves the whole page (the window made as tall as it, up to 2,400 pixels) when screenshots are asked for. */
    private void screenshot(String name) throws IOException {
        if (screenshots == null) {
            return;
        }
        Dimension before = driver.manage().window().getSize();
        long height =
                (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(2400, height + 140)));
        try {
            File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(
                    png.toPath(),
                    screenshots.resolve("console-" + name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.manage().window().setSize(before);
        }
    }
}
