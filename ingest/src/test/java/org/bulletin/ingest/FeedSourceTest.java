package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedSourceTest {

    @TempDir
    Path data;

    private FixtureServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FixtureServer();
        server.page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n");
        server.page("/news/1", "text/html; charset=utf-8", "<html><body><p>Article one</p></body></html>");
        server.page("/news/2", "text/html; charset=utf-8", "<html><body><p>Article two</p></body></html>");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String rss() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>CSTO</title>
                <item><title>One</title><link>%s</link><guid>g1</guid><pubDate>Fri, 19 Jul 2024 10:00:00 GMT</pubDate>
                  <description>short one</description></item>
                <item><title>Two</title><link>%s</link><guid>g2</guid>
                  <content:encoded><![CDATA[<p>Full two</p>]]></content:encoded></item>
                </channel></rss>""".formatted(server.uri("/news/1?utm_source=rss"), server.uri("/news/2"));
    }

    @Test
    void shouldFollowRssLinksAndSkipEverythingOnAnUnchangedRepoll() throws Exception {
        server.route("/feed.xml", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                FixtureServer.send(ex, 304, null, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            FixtureServer.send(ex, 200, "application/rss+xml", rss().getBytes(StandardCharsets.UTF_8));
        });
        try (TestRig rig = new TestRig(data, Map.of())) {
            IngestCounts c = rig.ingestor.pollFeed(server.uri("/feed.xml"), null, "csto-feed");
            assertThat(c.published()).isEqualTo(2);
            assertThat(rig.rawKeys())
                    .containsExactlyInAnyOrder(
                            server.uri("/news/1").toString(),
                            server.uri("/news/2").toString());
            assertThat(rig.raw().get(0).getMetadata())
                    .containsEntry("title", "One")
                    .containsEntry("feed.entryId", "g1")
                    .containsEntry("publishedAt", "Fri, 19 Jul 2024 10:00:00 GMT");
            assertThat(server.requests)
                    .allSatisfy(r -> assertThat(r.header("User-Agent"))
                            .isEqualTo("Bulletin/0.1 (+https://github.com/bulletin)"));
        }
        try (TestRig restarted = new TestRig(data, Map.of())) {
            IngestCounts c = restarted.ingestor.pollFeed(server.uri("/feed.xml"), null, "csto-feed");
            assertThat(c.published()).isZero();
            assertThat(restarted.producer.history()).isEmpty();
            assertThat(server.count("/news/1?utm_source=rss"))
                    .as("304 on the feed: articles not refetched")
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldPushAtomEntryContentWhenNotFollowingLinks() throws Exception {
        server.page("/atom.xml", "application/atom+xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
                  <entry><id>urn:1</id><title>Atom one</title><link rel="alternate" href="/news/a1"/>
                    <updated>2024-07-19T10:00:00Z</updated><content type="html">&lt;p&gt;Atom body&lt;/p&gt;</content></entry>
                </feed>""");
        try (TestRig rig = new TestRig(data, Map.of(IngestConfig.FEED_FOLLOW_LINKS, "false"))) {
            IngestCounts c = rig.ingestor.pollFeed(server.uri("/atom.xml"), Duration.ZERO);
            assertThat(c.published()).isEqualTo(1);
            assertThat(rig.rawKeys()).containsExactly(server.uri("/news/a1").toString());
            assertThat(TestRig.body(rig.raw().get(0))).isEqualTo("<p>Atom body</p>");
            assertThat(rig.raw().get(0).getSourceId()).isEqualTo("feed:127.0.0.1");
        }
    }

    @Test
    void shouldRejectXxeFeedWithoutReadingTheFile() throws Exception {
        server.page("/xxe.xml", "application/rss+xml", """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>""");
        try (TestRig rig = new TestRig(data, Map.of(IngestConfig.FEED_FOLLOW_LINKS, "false"))) {
            IngestCounts c = rig.ingestor.pollFeed(server.uri("/xxe.xml"), null);
            assertThat(c.published()).isZero();
            assertThat(c.deadLettered()).isEqualTo(1);
            assertThat(TestRig.header(rig.dlq().get(0), "bulletin.reason"))
                    .contains("DOCTYPE declarations are not allowed");
            assertThat(new String(rig.dlq().get(0).value(), StandardCharsets.UTF_8))
                    .doesNotContain("root:");
        }
    }

    @Test
    void shouldRejectBillionLaughsQuickly() throws Exception {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doc.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        doc.append("]>\n<rss><channel><item><title>&lol9;</title></item></channel></rss>");
        server.page("/lol.xml", "application/rss+xml", doc.toString());
        try (TestRig rig = new TestRig(data, Map.of())) {
            IngestCounts c = rig.ingestor.pollFeed(server.uri("/lol.xml"), null);
            assertThat(c.deadLettered()).isEqualTo(1);
            assertThat(TestRig.header(rig.dlq().get(0), "bulletin.reason")).contains("DOCTYPE");
        }
    }

    @Test
    void shouldDeadLetterMalformedFeedAndKeepGoing() throws Exception {
        server.page("/bad.xml", "application/rss+xml", "<rss><channel><item><title>oops</channel>");
        server.page("/html.xml", "text/html", "<html><body>not a feed</body></html>");
        try (TestRig rig = new TestRig(data, Map.of())) {
            assertThat(rig.ingestor.pollFeed(server.uri("/bad.xml"), null).deadLettered())
                    .isEqualTo(1);
            assertThat(TestRig.header(rig.dlq().get(0), "bulletin.reason")).startsWith("malformed feed XML at line 1");
            assertThat(rig.ingestor.pollFeed(server.uri("/html.xml"), null).deadLettered())
                    .isEqualTo(1);
            assertThat(TestRig.header(rig.dlq().get(1), "bulletin.reason")).contains("not an RSS or Atom feed");
        }
    }

    @Test
    void shouldPollOnAnIntervalUntilStopped() throws Exception {
        server.page("/feed.xml", "application/rss+xml", rss());
        try (TestRig rig = new TestRig(data, Map.of())) {
            Thread t = new Thread(() -> {
                try {
                    rig.ingestor.pollFeed(server.uri("/feed.xml"), Duration.ofMillis(50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            try {
                Await.until("three polls of the feed", Duration.ofSeconds(20), () -> server.count("/feed.xml") >= 3);
            } finally {
                rig.ingestor.stop();
            }
            Await.joined(t, Duration.ofSeconds(20));
            assertThat(rig.rawKeys())
                    .as("re-polls of an unchanged feed push nothing new")
                    .hasSize(2);
        }
    }
}
