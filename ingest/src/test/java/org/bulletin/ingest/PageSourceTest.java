package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageSourceTest {

    private static final Pattern ARTICLES = Pattern.compile("/news/item/");

    @TempDir
    Path data;

    private FixtureServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FixtureServer();
        server.page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /news/item/secret\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String article(String text) {
        return "<html><head><title>" + text + "</title></head><body><p>" + text + "</p></body></html>";
    }

    private void newsSite() {
        server.page("/news/", "text/html; charset=utf-8", """
                <html><body>
                <a href="/news/item/1/">One</a> <a href="/news/item/1/#comments">One again</a>
                <a href="item/2/?utm_source=list">Two</a> <a href="/about/">About</a>
                <a href="/news/item/secret">Secret</a>
                <a href="/news/?page=2">Next</a>
                </body></html>""");
        server.page("/news/?page=2", "text/html; charset=utf-8", """
                <html><body><a href="/news/item/3/">Three</a><a rel="next" href="/news/?page=3">more</a></body></html>""");
        server.page("/news/?page=3", "text/html", "<html><body><a href='/news/item/4/'>Four</a></body></html>");
        server.page("/news/item/1/", "text/html; charset=utf-8", article("One"));
        server.page("/news/item/2/", "text/html; charset=utf-8", article("Two"));
        server.page("/news/item/3/", "text/html; charset=utf-8", article("Three"));
        server.page("/news/item/4/", "text/html; charset=utf-8", article("Four"));
    }

    @Test
    void shouldFollowArticleAndNextPageLinksToTheGivenDepthRespectingRobots() throws Exception {
        newsSite();
        try (TestRig rig = new TestRig(data, Map.of())) {
            IngestCounts c = rig.ingestor.crawl(server.uri("/news/"), ARTICLES, 2, "csto-news");
            assertThat(c.published()).isEqualTo(3);
            assertThat(c.errors()).as("robots.txt refused /news/item/secret").isEqualTo(1);
            assertThat(rig.rawKeys())
                    .containsExactly(
                            server.uri("/news/item/1/").toString(),
                            server.uri("/news/item/2/").toString(),
                            server.uri("/news/item/3/").toString());
            assertThat(server.count("/news/item/secret")).isZero();
            assertThat(server.count("/news/?page=3"))
                    .as("depth 2 stops after the second list page")
                    .isZero();
            assertThat(rig.raw().get(0).getSourceId()).isEqualTo("csto-news");
            assertThat(rig.raw().get(0).getMetadata())
                    .containsEntry("listUrl", server.uri("/news/").toString());
        }
    }

    @Test
    void shouldUseConditionalGetOnReCrawlAfterRestart() throws Exception {
        server.page("/list", "text/html", "<a href='/news/item/e/'>e</a>");
        AtomicInteger conditional = new AtomicInteger();
        server.route("/news/item/e/", ex -> {
            if ("\"abc\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))
                    && ex.getRequestHeaders().getFirst("If-Modified-Since") != null) {
                conditional.incrementAndGet();
                FixtureServer.send(ex, 304, null, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"abc\"");
            ex.getResponseHeaders().set("Last-Modified", "Fri, 19 Jul 2024 10:00:00 GMT");
            FixtureServer.send(ex, 200, "text/html", article("E").getBytes(StandardCharsets.UTF_8));
        });
        try (TestRig rig = new TestRig(data, Map.of())) {
            assertThat(rig.ingestor.crawl(server.uri("/list"), ARTICLES, 1).published())
                    .isEqualTo(1);
            assertThat(rig.raw().get(0).getMetadata()).containsEntry("http.etag", "\"abc\"");
        }
        try (TestRig rig = new TestRig(data, Map.of())) {
            IngestCounts c = rig.ingestor.crawl(server.uri("/list"), ARTICLES, 1);
            assertThat(c.unchanged()).isEqualTo(1);
            assertThat(c.published()).isZero();
            assertThat(conditional).hasValue(1);
        }
    }

    @Test
    void shouldRetryServerErrorsWithBackoffThenSucceed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.page("/list", "text/html", "<a href='/news/item/flaky/'>x</a>");
        server.route("/news/item/flaky/", ex -> {
            if (calls.incrementAndGet() < 3) {
                FixtureServer.send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
            } else {
                FixtureServer.send(ex, 200, "text/html", article("Flaky").getBytes(StandardCharsets.UTF_8));
            }
        });
        try (TestRig rig = new TestRig(data, Map.of())) {
            assertThat(rig.ingestor.crawl(server.uri("/list"), ARTICLES, 1).published())
                    .isEqualTo(1);
            assertThat(calls).hasValue(3);
        }
    }

    @Test
    void shouldSurviveHostilePagesAndSendThemToDeadLettersOrErrors() throws Exception {
        server.page("/list", "text/html", """
                <a href='/news/item/loop/'>loop</a> <a href='/news/item/slow/'>slow</a>
                <a href='/news/item/huge/'>huge</a> <a href='/news/item/gone/'>gone</a>
                <a href='/news/item/cp1251/'>charset</a> <a href='/news/item/binary/'>binary</a>""");
        server.route("/news/item/loop/", ex -> redirect(ex, "/news/item/loop2/"));
        server.route("/news/item/loop2/", ex -> redirect(ex, "/news/item/loop/"));
        server.route("/news/item/slow/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("<html><p>trick".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.bytes("/news/item/huge/", "text/html", "<p>x</p>".repeat(1000).getBytes(StandardCharsets.UTF_8));
        server.page("/news/item/gone/", "text/html", "<h1>Not here</h1>");
        server.route(
                "/news/item/gone/",
                ex -> FixtureServer.send(ex, 410, "text/html", "<h1>Gone</h1>".getBytes(StandardCharsets.UTF_8)));
        server.bytes(
                "/news/item/cp1251/",
                "text/html; charset=utf-8",
                "<p>Секретариат ОДКБ сообщает о встрече</p>".getBytes(Charset.forName("windows-1251")));
        server.bytes("/news/item/binary/", "application/octet-stream", new byte[] {0, 1, 2, 3, 0, 0, 7, 8});
        try (TestRig rig = new TestRig(
                data,
                Map.of(
                        IngestConfig.MAX_BODY_BYTES,
                        "4000",
                        IngestConfig.READ_TIMEOUT_MS,
                        "500",
                        IngestConfig.RETRIES,
                        "0"))) {
            IngestCounts c = rig.ingestor.crawl(server.uri("/list"), ARTICLES, 1);
            assertThat(c.published())
                    .as("the wrongly labelled windows-1251 page")
                    .isEqualTo(1);
            assertThat(rig.raw().get(0).getCharset()).isEqualTo("windows-1251");
            assertThat(c.errors()).as("redirect loop and slow body").isEqualTo(2);
            assertThat(c.deadLettered()).as("oversized, 410, binary").isEqualTo(3);
            assertThat(rig.dlq())
                    .extracting(r -> TestRig.header(r, "bulletin.reason"))
                    .anySatisfy(r -> assertThat(r).startsWith("oversized: 4001 bytes"))
                    .anySatisfy(r -> assertThat(r).startsWith("HTTP 410"))
                    .anySatisfy(r -> assertThat(r).startsWith("undecodable"));
        }
    }

    @Test
    void shouldCountAnUnreachableHostAsAnError() throws Exception {
        try (TestRig rig = new TestRig(data, Map.of(IngestConfig.RETRIES, "1"))) {
            IngestCounts c = rig.ingestor.crawl(URI.create("http://127.0.0.1:1/news/"), ARTICLES, 1);
            assertThat(c.errors()).isEqualTo(1);
            assertThat(rig.producer.history()).isEmpty();
            assertThat(rig.ingestor.counters().errors()).isEqualTo(1);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange ex, String to) throws java.io.IOException {
        ex.getResponseHeaders().set("Location", to);
        FixtureServer.send(ex, 302, null, new byte[0]);
    }
}
