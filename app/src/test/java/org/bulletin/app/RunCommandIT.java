package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar bulletin.jar run} as a newcomer runs it: the real jar in its own process, on free loopback ports;
 * it comes up healthy with the bundled sample stored, stops cleanly on SIGTERM with exit 0, and a second run on the
 * same data dir resumes without ingesting the sample again; {@code --no-sample --sources FILE} stores what the
 * sources file's drop folder holds and nothing of the sample.
 */
class RunCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldRunTheWholePlatformStopCleanlyAndResume() throws Exception {
        int[] ports = RunProcess.freePorts();

        RunProcess run = RunProcess.start(dataDir, ports);
        try {
            run.awaitLine("Running.", Duration.ofSeconds(150));
            assertThat(String.join("\n", run.lines())).contains("Flowed:");
            JsonNode health = run.get("/health");
            assertThat(health.path("status").asText()).isEqualTo("UP");
            JsonNode releases = run.get("/v1/releases?limit=50");
            assertThat(releases.path("items").size()).isEqualTo(6);
        } finally {
            assertThat(run.stop()).as("stopped within 30 s").isTrue(); // SIGTERM
        }
        assertThat(run.exitValue()).isZero();

        RunProcess again = RunProcess.start(dataDir, ports);
        try {
            again.awaitLine("Running.", Duration.ofSeconds(150));
            assertThat(String.join("\n", again.lines()))
                    .contains("Sample already ingested")
                    .doesNotContain("Flowed:");
            assertThat(again.get("/v1/releases?limit=50").path("items").size()).isEqualTo(6);
        } finally {
            assertThat(again.stop()).isTrue();
        }
        assertThat(again.exitValue()).isZero();
    }

    @Test
    @Tag("issue-15")
    void shouldIngestTheSourcesFileAndNotTheSampleWithNoSample() throws Exception {
        int[] ports = RunProcess.freePorts();
        Path drop = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-drop"));
        Files.writeString(
                drop.resolve("release.json"),
                JSON.writeValueAsString(
                        java.util.Map.of(
                                "url",
                                DROPPED_URL,
                                "title",
                                "CSTO experts assessed the situation at the Ishkashim border outpost",
                                "text",
                                "On 14 March 2025, a working group of the CSTO Secretariat visited the Ishkashim outpost of the "
                                        + "Republic of Tajikistan on the Tajik-Afghan border and discussed reinforcing the state border.")));
        Path sources = Files.writeString(
                drop.resolveSibling(dataDir.getFileName() + "-sources.yaml"), """
                sources:
                  - id: drop
                    type: files
                    paths: [%s]
                    watch: true
                """.formatted(drop.toAbsolutePath()));

        RunProcess run = RunProcess.start(dataDir, ports, "--no-sample", "--sources", sources.toString());
        try {
            run.awaitLine("Running.", Duration.ofSeconds(150));
            assertThat(String.join("\n", run.lines()))
                    .contains("Sources          1 from")
                    .doesNotContain("Sample:")
                    .doesNotContain("Sample already")
                    .doesNotContain("Flowed:");
            // The sample is ingested, and waited for, before "Running."; so only the dropped release may be stored.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode items = run.get("/v1/releases?limit=50").path("items");
            while (items.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                items = run.get("/v1/releases?limit=50").path("items");
            }
            List<String> ids = new ArrayList<>();
            items.forEach(item -> ids.add(item.path("id").asText()));
            assertThat(ids).containsExactly(DROPPED_URL);
        } finally {
            assertThat(run.stop()).as("stopped within 30 s").isTrue();
        }
        assertThat(run.exitValue()).isZero();
        assertThat(dataDir.resolve("sample")).doesNotExist();
        assertThat(dataDir.resolve("sample-ingested")).doesNotExist();
    }

    @Test
    @Tag("issue-17")
    void shouldLinkAnEnglishAndARussianReportOfOneEventIntoOneStory() throws Exception {
        int[] ports = RunProcess.freePorts();
        Path drop = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-stories"));
        // Our own writing, built as an agency wire and an official site's Russian release are.
        Files.writeString(
                drop.resolve("en.json"),
                JSON.writeValueAsString(java.util.Map.of(
                        "url",
                        "https://agency.example/en/csto-drill",
                        "title",
                        "CSTO exercise Interaction-2025 opens at Fakhrabad range in Tajikistan",
                        "text",
                        "DUSHANBE. The active phase of the joint exercise Interaction-2025 of the CSTO"
                                + " Collective Rapid Reaction Forces began at the Fakhrabad training ground in"
                                + " Tajikistan on Monday, the CSTO Joint Staff said. More than 2,000 troops from"
                                + " Russia, Belarus, Kazakhstan, Kyrgyzstan and Tajikistan take part.")));
        Files.writeString(
                drop.resolve("ru.json"),
                JSON.writeValueAsString(java.util.Map.of(
                        "url",
                        "https://official.example/ru/ucheniya",
                        "title",
                        "На полигоне Фахрабад в Таджикистане началось учение ОДКБ «Взаимодействие-2025»",
                        "text",
                        "ДУШАНБЕ. Активная фаза совместного учения Коллективных сил оперативного реагирования ОДКБ"
                                + " «Взаимодействие-2025» началась в понедельник на полигоне Фахрабад в Таджикистане,"
                                + " сообщили в Объединенном штабе ОДКБ. В учении участвуют более 2 тысяч"
                                + " военнослужащих России, Белоруссии, Казахстана, Киргизии и Таджикистана.")));
        Path sources = Files.writeString(
                drop.resolveSibling(dataDir.getFileName() + "-stories.yaml"), """
                sources:
                  - id: drop
                    type: files
                    paths: [%s]
                """.formatted(drop.toAbsolutePath()));

        RunProcess run = RunProcess.start(dataDir, ports, "--no-sample", "--sources", sources.toString());
        try {
            run.awaitLine("Running.", Duration.ofSeconds(150));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode stories = run.get("/v1/stories");
            while (totalReleases(stories) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                stories = run.get("/v1/stories");
            }
            assertThat(stories.path("items")).as("stories: %s", stories).hasSize(1);
            JsonNode story = stories.path("items").get(0);
            assertThat(story.path("languages").toString()).contains("en", "ru");
            assertThat(story.path("releaseCount").asInt()).isEqualTo(2);

            JsonNode detail = run.get("/v1/stories/" + story.path("id").asText());
            // Whichever of the two enrich read first opened the story; the detail lists them by date, stored time
            // and id, which need not be that order when both are stored in one batch.
            List<JsonNode> links = new ArrayList<>();
            detail.path("releases").forEach(r -> links.add(r.path("link")));
            assertThat(links).as("story releases: %s", detail).hasSize(2);
            assertThat(links)
                    .filteredOn(l -> l.path("opened").asBoolean())
                    .as("releases that opened the story")
                    .hasSize(1);
            JsonNode joined = links.stream()
                    .filter(l -> !l.path("opened").asBoolean())
                    .findFirst()
                    .orElseThrow();
            assertThat(joined.path("score").asDouble()).isPositive();
            assertThat(joined.path("evidence").toString()).contains("TJ:fahrabad", "term:interaction");
            String releaseId = detail.path("releases").get(0).path("id").asText();
            JsonNode release = run.get("/v1/releases/" + java.net.URLEncoder.encode(releaseId, StandardCharsets.UTF_8));
            assertThat(release.path("storyId").asText())
                    .isEqualTo(story.path("id").asText());
        } finally {
            assertThat(run.stop()).as("stopped within 30 s").isTrue();
        }
    }

    private static int totalReleases(JsonNode stories) {
        int n = 0;
        for (JsonNode s : stories.path("items")) {
            n += s.path("releaseCount").asInt();
        }
        return n;
    }

    private static final String DROPPED_URL = "https://example.org/drop/ishkashim";
}
