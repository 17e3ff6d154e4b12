package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
        Path jar = Path.of("target", "bulletin.jar");
        assertThat(jar)
                .as("the shaded jar is built in 'package', before integration tests")
                .exists();
        int[] ports = freePorts(4);

        List<String> first = new CopyOnWriteArrayList<>();
        Process run = start(jar, ports, first);
        try {
            awaitLine(first, "Running.", run, Duration.ofSeconds(150));
            assertThat(String.join("\n", first)).contains("Flowed:");
            JsonNode health = get(ports[3], "/health");
            assertThat(health.path("status").asText()).isEqualTo("UP");
            JsonNode releases = get(ports[3], "/v1/releases?limit=50");
            assertThat(releases.path("items").size()).isEqualTo(6);
        } finally {
            run.destroy(); // SIGTERM
        }
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(run.exitValue()).isZero();

        List<String> second = new CopyOnWriteArrayList<>();
        Process again = start(jar, ports, second);
        try {
            awaitLine(second, "Running.", again, Duration.ofSeconds(150));
            assertThat(String.join("\n", second))
                    .contains("Sample already ingested")
                    .doesNotContain("Flowed:");
            assertThat(get(ports[3], "/v1/releases?limit=50").path("items").size())
                    .isEqualTo(6);
        } finally {
            again.destroy();
        }
        assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).isZero();
    }

    @Test
    @Tag("issue-15")
    void shouldIngestTheSourcesFileAndNotTheSampleWithNoSample() throws Exception {
        Path jar = Path.of("target", "bulletin.jar");
        assertThat(jar)
                .as("the shaded jar is built in 'package', before integration tests")
                .exists();
        int[] ports = freePorts(4);
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

        List<String> output = new CopyOnWriteArrayList<>();
        Process run = start(jar, ports, output, "--no-sample", "--sources", sources.toString());
        try {
            awaitLine(output, "Running.", run, Duration.ofSeconds(150));
            assertThat(String.join("\n", output))
                    .contains("Sources          1 from")
                    .doesNotContain("Sample:")
                    .doesNotContain("Sample already")
                    .doesNotContain("Flowed:");
            // The sample is ingested, and waited for, before "Running."; so only the dropped release may be stored.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode items = get(ports[3], "/v1/releases?limit=50").path("items");
            while (items.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                items = get(ports[3], "/v1/releases?limit=50").path("items");
            }
            List<String> ids = new ArrayList<>();
            items.forEach(item -> ids.add(item.path("id").asText()));
            assertThat(ids).containsExactly(DROPPED_URL);
        } finally {
            run.destroy();
        }
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(run.exitValue()).isZero();
        assertThat(dataDir.resolve("sample")).doesNotExist();
        assertThat(dataDir.resolve("sample-ingested")).doesNotExist();
    }

    @Test
    @Tag("issue-17")
    void shouldLinkAnEnglishAndARussianReportOfOneEventIntoOneStory() throws Exception {
        Path jar = Path.of("target", "bulletin.jar");
        assertThat(jar).exists();
        int[] ports = freePorts(4);
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

        List<String> output = new CopyOnWriteArrayList<>();
        Process run = start(jar, ports, output, "--no-sample", "--sources", sources.toString());
        try {
            awaitLine(output, "Running.", run, Duration.ofSeconds(150));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode stories = get(ports[3], "/v1/stories");
            while (totalReleases(stories) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                stories = get(ports[3], "/v1/stories");
            }
            assertThat(stories.path("items")).as("stories: %s", stories).hasSize(1);
            JsonNode story = stories.path("items").get(0);
            assertThat(story.path("languages").toString()).contains("en", "ru");
            assertThat(story.path("releaseCount").asInt()).isEqualTo(2);

            JsonNode detail = get(ports[3], "/v1/stories/" + story.path("id").asText());
            JsonNode joined = detail.path("releases").get(1).path("link");
            assertThat(joined.path("opened").asBoolean()).isFalse();
            assertThat(joined.path("score").asDouble()).isPositive();
            assertThat(joined.path("evidence").toString()).contains("TJ:fahrabad", "term:interaction");
            String releaseId = detail.path("releases").get(0).path("id").asText();
            JsonNode release =
                    get(ports[3], "/v1/releases/" + java.net.URLEncoder.encode(releaseId, StandardCharsets.UTF_8));
            assertThat(release.path("storyId").asText())
                    .isEqualTo(story.path("id").asText());
        } finally {
            run.destroy();
        }
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
    }

    private static int totalReleases(JsonNode stories) {
        int n = 0;
        for (JsonNode s : stories.path("items")) {
            n += s.path("releaseCount").asInt();
        }
        return n;
    }

    private static final String DROPPED_URL = "https://example.org/drop/ishkashim";

    private Process start(Path jar, int[] ports, List<String> lines, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "run",
                "--data-dir",
                dataDir.toString(),
                "--kafka-port",
                Integer.toString(ports[0]),
                "--controller-port",
                Integer.toString(ports[1]),
                "--registry-port",
                Integer.toString(ports[2]),
                "--api-port",
                Integer.toString(ports[3])));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-run.log");
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            lines.add(line);
                            Files.writeString(
                                    log,
                                    line + "\n",
                                    StandardCharsets.UTF_8,
                                    java.nio.file.StandardOpenOption.CREATE,
                                    java.nio.file.StandardOpenOption.APPEND);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "run-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static void awaitLine(List<String> lines, String text, Process p, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && lines.stream().noneMatch(l -> l.contains(text))) {
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(lines)
                .as("output of 'bulletin run':%n%s", String.join("\n", lines))
                .anyMatch(l -> l.contains(text));
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** {@code n} distinct free ports: every socket stays open until all are taken, so none is handed out twice. */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
