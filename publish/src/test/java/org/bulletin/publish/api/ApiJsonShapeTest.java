package org.bulletin.publish.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulletin.publish.testdata.Releases.label;
import static org.bulletin.publish.testdata.Releases.release;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.bulletin.publish.Health;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishConfig.ReplayNotifications;
import org.bulletin.publish.store.IncomingRelease;
import org.bulletin.publish.store.ReleaseStore;
import org.bulletin.schemas.Organisation;
import org.bulletin.schemas.Person;
import org.bulletin.schemas.Place;
import org.bulletin.schemas.SourceRef;
import org.bulletin.schemas.StoryLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API's JSON, byte for byte, against stored copies (#15): key order, nulls, number forms and nesting are the
 * contract clients parse, so a change in how the store reads rows must not show here. Only the instants the store
 * stamps from its clock, and the stored day an undated release sorts by, are masked.
 */
@Tag("issue-15")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiJsonShapeTest {

    @TempDir
    static Path dataDir;

    private ReleaseStore store;
    private ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        store = ReleaseStore.open(PublishConfig.embeddedUrl(dataDir), "", "", 2);
        store.write(
                List.of(
                        IncomingRelease.of(full().build()),
                        IncomingRelease.of(bare()),
                        IncomingRelease.of(release("copy")
                                .setDuplicateOf("full")
                                .setPublishedDate(LocalDate.of(2024, 5, 2))
                                .setStoryId("story-1")
                                .setStoryLink(new StoryLink(0.9, false, List.of("TJ:dushanbe", "org:CSTO")))
                                .build())),
                List.of(),
                ReplayNotifications.FLAG);
        store.write(
                List.of(IncomingRelease.of(full().setClassifierVersion("rules-2")
                        .setTopics(List.of(label("trade", 1.0, "tariff"), label("energy", 0.25, "pipeline")))
                        .build())),
                List.of(),
                ReplayNotifications.FLAG);
        server = ApiServer.builder(store, new Health(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .build()
                .start(0);
    }

    @AfterAll
    void stop() {
        server.stop();
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/v1/releases/full, release-full.json",
        "/v1/releases/bare, release-bare.json",
        "/v1/releases/copy, release-copy.json",
        "/v1/releases?limit=2, releases-page.json",
        "/v1/stats, stats.json",
        "/v1/stories, stories-page.json",
        "/v1/stories/story-1, story.json",
    })
    void shouldAnswerWithTheStoredJson(String path, String expectedFile) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        if (Boolean.getBoolean("bulletin.golden.update")) {
            java.nio.file.Files.writeString(
                    Path.of("src/test/resources/org/bulletin/publish/api/json/" + expectedFile),
                    masked(r.body()) + "\n");
        }
        assertThat(masked(r.body())).isEqualTo(expected(expectedFile));
    }

    private static org.bulletin.schemas.Release.Builder full() {
        return release("full")
                .setPeople(List.of(
                        Person.newBuilder()
                                .setName("Imomali Rahmon")
                                .setRole("President")
                                .setId("person:rahmon")
                                .build(),
                        Person.newBuilder().setName("A. Nobody").setRole(null).build()))
                .setOrganisations(List.of(Organisation.newBuilder()
                        .setId("csto")
                        .setName("CSTO")
                        .setMentions(List.of("CSTO", "Collective Security Treaty Organization"))
                        .build()))
                .setPlaces(List.of(
                        Place.newBuilder()
                                .setName("Dushanbe")
                                .setCountryCode("TJ")
                                .setId("TJ:dushanbe")
                                .build(),
                        Place.newBuilder()
                                .setName("the region")
                                .setCountryCode(null)
                                .build()))
                .setDates(List.of(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 6, 30)))
                .setFingerprint("simhash:00ff")
                .setStoryId("story-1")
                .setStoryLink(new StoryLink(0.0, true, List.of()))
                .setSourceRefs(List.of(
                        SourceRef.newBuilder()
                                .setSourceId("mfa")
                                .setRawKey("k1")
                                .setSourceUrl(null)
                                .setRawPartition(3)
                                .setRawOffset(9_000_000_000L)
                                .setFetchedAt(null)
                                .build(),
                        SourceRef.newBuilder()
                                .setSourceId("mfa")
                                .setRawKey("k2")
                                .setSourceUrl("https://example.org/full")
                                .setRawPartition(0)
                                .setRawOffset(7L)
                                .setFetchedAt(Instant.parse("2024-05-02T08:00:00.123Z"))
                                .build()));
    }

    private static org.bulletin.schemas.Release bare() {
        return release("bare")
                .setPublishedDate(null)
                .setLede(null)
                .setCountries(List.of())
                .setRegions(List.of())
                .setTopics(List.of())
                .setSourceRefs(List.of())
                .setLanguage("ru")
                .build();
    }

    private static String masked(String json) {
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        return json.replaceAll("\"(storedAt|updatedAt|classifiedAt|supersededAt)\":\"[^\"]+\"", "\"$1\":\"<instant>\"")
                .replace("\"" + today + "\"", "\"<today>\"")
                .replaceAll("\"nextCursor\":\"[^\"]+\"", "\"nextCursor\":\"<cursor>\"");
    }

    private static String expected(String file) throws IOException {
        try (InputStream in = ApiJsonShapeTest.class.getResourceAsStream("json/" + file)) {
            return new String(Objects.requireNonNull(in, file).readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
