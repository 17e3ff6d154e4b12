package org.bulletin.publish.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulletin.publish.testdata.Releases.label;
import static org.bulletin.publish.testdata.Releases.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bulletin.publish.Health;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishConfig.ReplayNotifications;
import org.bulletin.publish.PublishMetrics;
import org.bulletin.publish.store.IncomingRelease;
import org.bulletin.publish.store.ReleaseStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on an ephemeral loopback port, backed by an embedded store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private ReleaseStore store;
    private Health health;
    private ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        store = ReleaseStore.open(PublishConfig.embeddedUrl(dataDir), "", "", 2);
        List<IncomingRelease> rows = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            rows.add(IncomingRelease.of(release("bulk-" + i)
                    .setPublishedDate(LocalDate.of(2023, 1, 1))
                    .build()));
        }
        rows.add(IncomingRelease.of(release("mfa:7#2")
                .setLanguage("ru")
                .setCountries(List.of("KZ"))
                .setRegions(List.of(label("caucasus", 0.6, "Baku")))
                .build()));
        store.write(rows, List.of(), ReplayNotifications.FLAG);
        store.write(
                List.of(IncomingRelease.of(release("mfa:7#2")
                        .setLanguage("ru")
                        .setClassifierVersion("rules-2")
                        .setCountries(List.of("KZ"))
                        .setRegions(List.of(label("central-asia", 0.9, "Astana")))
                        .build())),
                List.of(),
                ReplayNotifications.FLAG);
        health = new Health();
        health.up("store");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PublishMetrics(registry).recordsIn(3);
        server = ApiServer.builder(store, health, registry)
                .route(HandlerType.POST, "/v1/echo", ctx -> ctx.status(202).result(ctx.body()))
                .build()
                .start(0);
    }

    @AfterAll
    void stop() {
        server.stop();
        store.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(expectedStatus);
        assertThat(r.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        return JSON.readTree(r.body());
    }

    @Test
    void shouldPageThroughAllReleasesNewestFirstWithCursors() throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = getJson("/v1/releases?limit=40" + (cursor == null ? "" : "&cursor=" + cursor), 200);
            page.get("items").forEach(n -> ids.add(n.get("id").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(106).doesNotHaveDuplicates().startsWith("mfa:7#2");
    }

    @Test
    void shouldCapPageSizeAtOneHundred() throws Exception {
        JsonNode page = getJson("/v1/releases?limit=5000", 200);
        assertThat(page.get("items")).hasSize(100);
        assertThat(page.get("nextCursor").isNull()).isFalse();
        assertThat(getJson("/v1/releases", 200).get("items")).hasSize(20);
    }

    @Test
    void shouldFilterByRegionCountryAndLanguage() throws Exception {
        JsonNode page = getJson("/v1/releases?region=central-asia&country=KZ&language=ru", 200);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("id").asText()).isEqualTo("mfa:7#2");
        assertThat(page.get("items").get(0).get("regions").get(0).has("evidence"))
                .isFalse();
        assertThat(getJson("/v1/releases?region=caucasus", 200).get("items")).isEmpty();
    }

    @Test
    void shouldServeOneReleaseWithEvidenceAndHistory() throws Exception {
        JsonNode r = getJson("/v1/releases/mfa:7%232", 200);
        assertThat(r.get("classifierVersion").asText()).isEqualTo("rules-2");
        assertThat(r.get("regions").get(0).get("evidence").get(0).get("phrase").asText())
                .isEqualTo("Astana");
        assertThat(r.get("history")).hasSize(1);
        assertThat(r.get("history").get(0).get("classifierVersion").asText()).isEqualTo("rules-1");
        assertThat(r.get("history").get(0).get("regions").get(0).get("id").asText())
                .isEqualTo("caucasus");
        assertThat(r.get("body").asText()).contains("Dushanbe");
    }

    @Test
    void shouldAnswerNotFoundAsJson() throws Exception {
        assertThat(getJson("/v1/releases/nope", 404).get("error").asText()).isEqualTo("not_found");
        assertThat(getJson("/v2/whatever", 404).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void shouldRejectInvalidParametersWithAReason() throws Exception {
        assertThat(getJson("/v1/releases?limit=abc", 400).get("reason").asText())
                .contains("limit");
        assertThat(getJson("/v1/releases?limit=0", 400).get("reason").asText()).contains("limit");
        assertThat(getJson("/v1/releases?from=2024-13-01", 400).get("reason").asText())
                .contains("from");
        assertThat(getJson("/v1/releases?from=2024-05-02&to=2024-05-01", 400)
                        .get("reason")
                        .asText())
                .contains("after");
        assertThat(getJson("/v1/releases?cursor=zzz", 400).get("reason").asText())
                .contains("cursor");
        assertThat(getJson("/v1/releases?regoin=x", 400).get("reason").asText()).contains("regoin");
        assertThat(getJson("/v1/releases?region=%27%3B%20DROP%20TABLE%20releases", 400)
                        .get("reason")
                        .asText())
                .contains("region");
    }

    @Test
    void shouldTreatSqlInSearchTextAsPlainText() throws Exception {
        assertThat(getJson("/v1/releases?q=%27%20OR%201%3D1%20--", 200).get("items"))
                .isEmpty();
        assertThat(getJson("/v1/releases?limit=1", 200).get("items")).hasSize(1);
    }

    @Test
    void shouldCountByRegionTopicAndDay() throws Exception {
        JsonNode stats = getJson("/v1/stats", 200);
        assertThat(stats.get("total").asLong()).isEqualTo(106);
        assertThat(stats.get("byRegion").get("central-asia").asLong()).isEqualTo(106);
        assertThat(stats.get("byDay").get("2023-01-01").asLong()).isEqualTo(105);
    }

    @Test
    void shouldReportHealthPerDependencyAnd503WhenDegraded() throws Exception {
        health.up("kafka");
        JsonNode up = getJson("/health", 200);
        assertThat(up.get("status").asText()).isEqualTo("UP");
        assertThat(up.get("components").get("store").get("status").asText()).isEqualTo("UP");

        health.report("relay", Health.State.DEGRADED, "kafka: timeout");
        JsonNode degraded = getJson("/health", 503);
        assertThat(degraded.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(degraded.get("components").get("relay").get("detail").asText())
                .isEqualTo("kafka: timeout");
        health.up("relay");
    }

    @Test
    void shouldExposePrometheusMetricsNamedBulletin() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("bulletin_publish_records_in_total 3.0")
                .contains("bulletin_publish_dlq_total")
                .contains("bulletin_publish_consumer_lag")
                .contains("bulletin_publish_store_latency_seconds");
    }

    @Test
    void shouldDescribeEveryRouteInOpenApi() throws Exception {
        JsonNode doc = getJson("/openapi.json", 200);
        assertThat(doc.get("paths").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "/v1/releases",
                        "/v1/releases/{id}",
                        "/v1/stats",
                        "/v1/stories",
                        "/v1/stories/{id}",
                        "/health",
                        "/metrics",
                        "/openapi.json",
                        // the console (#18)
                        "/",
                        "/console/{file}",
                        "/v1/arrivals",
                        "/v1/flow",
                        "/v1/dead-letters",
                        "/v1/dead-letters/{partition}/{offset}",
                        "/v1/dead-letters/{partition}/{offset}/redrive");
    }

    @Test
    void shouldServeRoutesAddedByTheApp() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/echo"))
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("hello");
    }
}
