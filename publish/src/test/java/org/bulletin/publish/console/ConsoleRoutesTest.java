package org.bulletin.publish.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulletin.publish.testdata.Releases.label;
import static org.bulletin.publish.testdata.Releases.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bulletin.publish.Health;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishConfig.ReplayNotifications;
import org.bulletin.publish.api.ApiServer;
import org.bulletin.publish.store.IncomingRelease;
import org.bulletin.publish.store.ReleaseStore;
import org.bulletin.schemas.SourceRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's routes over real HTTP on loopback, on an embedded store; the pipeline (Kafka, in the app) is a fixed
 * two-letter dead-letter topic here, so that what is checked is the HTTP side: the token gate, errors, the page's
 * headers. The app's browser test runs them against real Kafka.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "t0ken";

    @TempDir
    static Path dataDir;

    private ReleaseStore store;
    private final FixedPipeline pipeline = new FixedPipeline();
    private ApiServer withPipeline;
    private ApiServer withoutToken;
    private ApiServer storeOnly;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        store = ReleaseStore.open(PublishConfig.embeddedUrl(dataDir), "", "", 2);
        store.write(
                List.of(
                        IncomingRelease.of(release("r-1").build()),
                        IncomingRelease.of(release("r-2")
                                .setPublishedDate(LocalDate.of(2024, 7, 9))
                                .setRegions(List.of(label("caucasus", 0.8, "Baku")))
                                .setSourceRefs(List.of(SourceRef.newBuilder()
                                        .setSourceId("push")
                                        .setRawKey("r-2")
                                        .setRawPartition(1)
                                        .setRawOffset(3L)
                                        .setFetchedAt(Instant.parse("2024-07-09T10:00:00Z"))
                                        .build()))
                                .build())),
                List.of(),
                ReplayNotifications.FLAG);
        Health health = new Health();
        health.up("store");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        withPipeline = ApiServer.builder(store, health, registry)
                .pipeline(pipeline, TOKEN)
                .build()
                .start(0);
        withoutToken = ApiServer.builder(store, health, registry)
                .pipeline(pipeline, null)
                .build()
                .start(0);
        storeOnly = ApiServer.builder(store, health, registry).build().start(0);
    }

    @AfterAll
    void stop() {
        withPipeline.close();
        withoutToken.close();
        storeOnly.close();
        store.close();
    }

    @Test
    void shouldServeThePageAndItsFilesWithAPolicyThatAllowsOnlyThisServer() throws Exception {
        HttpResponse<String> page = get(storeOnly, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"/console/console.js\" defer></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'none'")
                        .contains("script-src 'self'")
                        .contains("connect-src 'self'")
                        .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        HttpResponse<String> js = get(storeOnly, "/console/console.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(get(storeOnly, "/console/console.css").statusCode()).isEqualTo(200);

        HttpResponse<String> missing = get(storeOnly, "/console/other.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("not_found");
        assertThat(get(storeOnly, "/console/..%2Fapi%2Fopenapi.json").statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldCountWhatArrivedAndBucketItForTheChart() throws Exception {
        JsonNode a = json(get(storeOnly, "/v1/arrivals"), 200);

        assertThat(a.path("total").asLong()).isEqualTo(2);
        assertThat(a.path("byRegionAndTopic")
                        .path("caucasus")
                        .path("counter-terrorism")
                        .asLong())
                .isEqualTo(1);
        assertThat(a.path("bySource").path("push").asLong()).isEqualTo(1);
        assertThat(a.path("bySource").path("mfa").asLong()).isEqualTo(1);
        JsonNode overTime = a.path("overTime");
        assertThat(overTime.path("granularity").asText()).isEqualTo("MONTH"); // 2024-05-01 .. 2024-07-09: 69 days
        assertThat(overTime.path("byRegion").findValuesAsText("label"))
                .containsExactly("2024-05", "2024-06", "2024-07");
        assertThat(overTime.path("byRegion")
                        .get(0)
                        .path("counts")
                        .path("central-asia")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void shouldListReleasesOfOneSourceAndRefuseASourceThatIsNoId() throws Exception {
        JsonNode page = json(get(storeOnly, "/v1/releases?source=push"), 200);
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").get(0).path("id").asText()).isEqualTo("r-2");

        JsonNode bad = json(get(storeOnly, "/v1/releases?source=%25"), 400);
        assertThat(bad.path("reason").asText()).startsWith("source must match");
    }

    @Test
    void shouldSayFlowAndDeadLettersAreNotAvailableWithoutAPipeline() throws Exception {
        JsonNode flow = json(get(storeOnly, "/v1/flow"), 404);
        assertThat(flow.path("error").asText()).isEqualTo("not_available");
        assertThat(flow.path("reason").asText()).contains("no Kafka connection");
        assertThat(json(get(storeOnly, "/v1/dead-letters"), 404).path("error").asText())
                .isEqualTo("not_available");
    }

    @Test
    void shouldServeTheFlowAndTheDeadLettersOfThePipeline() throws Exception {
        JsonNode flow = json(get(withPipeline, "/v1/flow"), 200);
        assertThat(flow.path("stages").get(0).path("state").asText()).isEqualTo("STOPPED");
        assertThat(flow.path("deadLetters").path("count").asLong()).isEqualTo(2);

        JsonNode list = json(get(withPipeline, "/v1/dead-letters?limit=1"), 200);
        assertThat(list.path("items")).hasSize(1);
        JsonNode one = json(get(withPipeline, "/v1/dead-letters/0/4"), 200);
        assertThat(one.path("value").path("text").asText()).isEqualTo("<p>bad</p>");
        assertThat(json(get(withPipeline, "/v1/dead-letters/0/5"), 404)
                        .path("reason")
                        .asText())
                .isEqualTo("no dead letter at 0:5");
        assertThat(json(get(withPipeline, "/v1/dead-letters/x/5"), 400)
                        .path("error")
                        .asText())
                .isEqualTo("bad_request");
        assertThat(json(get(withPipeline, "/v1/dead-letters?limit=0"), 400)
                        .path("reason")
                        .asText())
                .contains("1..200");
    }

    @Test
    void shouldRedriveOnlyWithThePushTokenAndOnlyWhatCameFromATopic() throws Exception {
        assertThat(post(withPipeline, "/v1/dead-letters/0/4/redrive", null).statusCode())
                .isEqualTo(401);
        assertThat(post(withPipeline, "/v1/dead-letters/0/4/redrive", "Bearer nope")
                        .statusCode())
                .isEqualTo(401);
        assertThat(pipeline.redriven).isEmpty();

        JsonNode done = json(post(withPipeline, "/v1/dead-letters/0/4/redrive", "Bearer " + TOKEN), 200);
        assertThat(done.path("sentTo").asText()).isEqualTo("bulletin.raw.v1");
        assertThat(pipeline.redriven).containsExactly("0:4");

        JsonNode ingests = json(post(withPipeline, "/v1/dead-letters/1/0/redrive", "Bearer " + TOKEN), 409);
        assertThat(ingests.path("reason").asText()).contains("no origin topic");
        assertThat(json(post(withPipeline, "/v1/dead-letters/2/9/redrive", "Bearer " + TOKEN), 404)
                        .path("error")
                        .asText())
                .isEqualTo("not_found");
    }

    @Test
    void shouldSayRedriveIsOffWithoutAPushToken() throws Exception {
        JsonNode off = json(post(withoutToken, "/v1/dead-letters/0/4/redrive", "Bearer " + TOKEN), 404);
        assertThat(off.path("error").asText()).isEqualTo("not_available");
        assertThat(off.path("reason").asText()).contains("bulletin.ingest.push.token");
    }

    @Test
    void shouldAnswer503WithTheReasonWhenKafkaCannotBeReached() throws Exception {
        JsonNode down = json(get(withPipeline, "/v1/dead-letters?limit=13"), 503);
        assertThat(down.path("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(down.path("reason").asText()).isEqualTo("cannot reach 127.0.0.1:9: connection refused");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private HttpResponse<String> get(ApiServer server, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ApiServer server, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    /** A dead-letter topic of two letters: 0:4 came from the raw topic, 1:0 from ingest (no origin). */
    private static final class FixedPipeline implements PipelineView {
        final List<String> redriven = new CopyOnWriteArrayList<>();

        private static final DeadLetter FROM_RAW = new DeadLetter(
                0,
                4,
                Instant.parse("2026-01-01T10:00:00Z"),
                "enrich",
                "no release found in the document",
                "bulletin.raw.v1-2@7",
                "k",
                true);
        private static final DeadLetter FROM_INGEST =
                new DeadLetter(1, 0, Instant.parse("2026-01-01T09:00:00Z"), "ingest", "oversized", null, "k2", false);

        @Override
        public FlowSnapshot flow() {
            return new FlowSnapshot(
                    Instant.parse("2026-01-01T10:00:05Z"),
                    5,
                    null,
                    List.of(new StageFlow(
                            "enrich",
                            StageFlow.State.STOPPED,
                            "no member in consumer group bulletin-enrich",
                            "records",
                            0,
                            0,
                            null,
                            3L,
                            "",
                            0,
                            1)),
                    new FlowSnapshot.DeadLetterSummary("bulletin.dlq.v1", 2, List.of(FROM_RAW, FROM_INGEST)));
        }

        @Override
        public List<DeadLetter> deadLetters(int limit) {
            if (limit == 13) {
                throw new PipelineUnavailableException(
                        "cannot reach 127.0.0.1:9: connection refused", new IOException("refused"));
            }
            List<DeadLetter> all = new ArrayList<>(List.of(FROM_RAW, FROM_INGEST));
            return all.subList(0, Math.min(limit, all.size()));
        }

        @Override
        public Optional<DeadLetterDetail> deadLetter(int partition, long offset) {
            return find(partition, offset)
                    .map(d -> new DeadLetterDetail(
                            d,
                            List.of(new DeadLetterDetail.Header("bulletin.stage", d.stage())),
                            10,
                            ValuePreview.of("<p>bad</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8), 100)));
        }

        @Override
        public Optional<Redrive> redrive(int partition, long offset) {
            Optional<DeadLetter> d = find(partition, offset);
            if (d.isPresent() && !d.get().redrivable()) {
                throw new IllegalStateException("dead letter " + partition + ":" + offset + " names no origin topic");
            }
            d.ifPresent(x -> redriven.add(partition + ":" + offset));
            return d.map(x -> new Redrive(partition, offset, "bulletin.raw.v1"));
        }

        private static Optional<DeadLetter> find(int partition, long offset) {
            return List.of(FROM_RAW, FROM_INGEST).stream()
                    .filter(d -> d.partition() == partition && d.offset() == offset)
                    .findFirst();
        }
    }
}
