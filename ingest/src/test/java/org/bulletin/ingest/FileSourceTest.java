package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bulletin.schemas.RawRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path data;

    @TempDir
    Path inbox;

    private void fixtures() throws Exception {
        Files.createDirectories(inbox.resolve("2024/07"));
        Files.writeString(inbox.resolve("a.txt"), "On 25 July 2024 the CSTO Secretariat met graduates.");
        Files.write(
                inbox.resolve("2024/07/b.html"),
                "<html><body><p>Встреча в секретариате ОДКБ</p></body></html>"
                        .getBytes(Charset.forName("windows-1251")));
        Files.writeString(inbox.resolve("c.jsonl"), """
                {"url":"https://odkb.org/news/1?utm_source=tg","title":"One","body":"First release"}
                {"url":"https://odkb.org/news/2","title":"Two","html":"<p>Second</p>","publishedAt":"2024-07-19"}
                {"title":"No body here"}
                """);
        Files.writeString(inbox.resolve("d.json"), "[{\"body\":\"Array item one\"},{\"body\":\"Array item two\"}]");
        Files.writeString(inbox.resolve(".hidden.txt"), "skipped");
        Files.writeString(inbox.resolve("notes.md"), "skipped: not a supported extension");
        Files.write(inbox.resolve("empty.txt"), new byte[0]);
    }

    @Test
    void shouldIngestAFolderRecursivelyWithJsonObjectsAndDeadLetters() throws Exception {
        fixtures();
        try (TestRig rig = new TestRig(data, Map.of())) {
            IngestCounts c = rig.ingestor.ingestPaths(List.of(inbox), false);
            assertThat(c.published()).isEqualTo(6);
            assertThat(c.deadLettered())
                    .as("the object without a body and the empty file")
                    .isEqualTo(2);
            assertThat(rig.rawKeys()).contains("https://odkb.org/news/1", "https://odkb.org/news/2");
            RawRelease html = rig.raw().stream()
                    .filter(r -> "windows-1251".equals(r.getCharset()))
                    .findFirst()
                    .orElseThrow();
            assertThat(html.getContentType()).isEqualTo("text/html");
            assertThat(html.getSourceUrl()).startsWith("file:/").endsWith("b.html");
            RawRelease two = rig.raw().stream()
                    .filter(r -> "https://odkb.org/news/2".equals(r.getSourceUrl()))
                    .findFirst()
                    .orElseThrow();
            assertThat(two.getMetadata()).containsEntry("title", "Two").containsEntry("publishedAt", "2024-07-19");
            assertThat(TestRig.body(two)).isEqualTo("<p>Second</p>");
            assertThat(rig.dlq())
                    .extracting(r -> TestRig.header(r, "bulletin.reason"))
                    .containsExactlyInAnyOrder("empty body", "JSON object has no \"html\", \"body\" or \"text\" field");
        }
    }

    @Test
    void shouldNeitherRepushNorMissAnythingAcrossRestarts() throws Exception { // #5 restart safety
        fixtures();
        try (TestRig first = new TestRig(data, Map.of())) {
            assertThat(first.ingestor.ingestPaths(List.of(inbox), false).published())
                    .isEqualTo(6);
        }
        Files.writeString(inbox.resolve("a.txt"), "On 25 July 2024 the CSTO Secretariat met graduates. Updated.");
        Files.writeString(inbox.resolve("new.txt"), "A new release arrived while ingest was down.");
        try (TestRig second = new TestRig(data, Map.of())) {
            IngestCounts c = second.ingestor.ingestPaths(List.of(inbox), false);
            assertThat(c.published()).as("changed a.txt and new.txt only").isEqualTo(2);
            assertThat(c.unchanged())
                    .as("5 unchanged releases and 2 bodies already in dead letters")
                    .isEqualTo(7);
            assertThat(second.dlq()).isEmpty();
            assertThat(second.raw())
                    .extracting(TestRig::body)
                    .containsExactlyInAnyOrder(
                            "On 25 July 2024 the CSTO Secretariat met graduates. Updated.",
                            "A new release arrived while ingest was down.");
        }
        try (TestRig forced = new TestRig(data, Map.of())) {
            assertThat(forced.ingestor.ingestPaths(List.of(inbox), true).published())
                    .isEqualTo(7);
        }
    }

    @Test
    void shouldRepushOnRestartWhatTheBrokerNeverAcknowledged() throws Exception {
        Files.writeString(inbox.resolve("a.txt"), "first");
        Files.writeString(inbox.resolve("b.txt"), "second");
        try (TestRig crashy = new TestRig(data, Map.of(), false)) {
            Thread t = new Thread(() -> {
                try {
                    crashy.ingestor.ingestPaths(List.of(inbox), false);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            Await.until(
                    "both files sent", TIMEOUT, () -> crashy.producer.history().size() >= 2);
            crashy.producer.completeNext();
            crashy.producer.errorNext(new RuntimeException("broker went away"));
            Await.joined(t, TIMEOUT);
        }
        try (TestRig again = new TestRig(data, Map.of())) {
            IngestCounts c = again.ingestor.ingestPaths(List.of(inbox), false);
            assertThat(c.published()).isEqualTo(1);
            assertThat(c.unchanged()).isEqualTo(1);
        }
    }

    @Test
    void shouldDeadLetterOversizedFilesWithoutReadingThemWhole() throws Exception {
        Files.write(inbox.resolve("big.txt"), "x".repeat(3000).getBytes(StandardCharsets.UTF_8));
        try (TestRig rig = new TestRig(data, Map.of(IngestConfig.MAX_BODY_BYTES, "1000"))) {
            IngestCounts c = rig.ingestor.ingestPaths(List.of(inbox), false);
            assertThat(c.deadLettered()).isEqualTo(1);
            ProducerRecord<String, byte[]> d = rig.dlq().get(0);
            assertThat(TestRig.header(d, "bulletin.reason")).isEqualTo("oversized: 1001 bytes > limit 1000");
            assertThat(TestRig.header(d, "bulletin.source")).isEqualTo("files");
        }
    }

    @Test
    void shouldPickUpNewFilesInWatchMode() throws Exception {
        Files.writeString(inbox.resolve("a.txt"), "already there");
        try (TestRig rig = new TestRig(data, Map.of())) {
            Thread t = new Thread(() -> {
                try {
                    rig.ingestor.watchPaths(List.of(inbox), false, "watched");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            try {
                Await.until(
                        "the file already there", TIMEOUT, () -> rig.rawKeys().size() >= 1);
                Files.createDirectories(inbox.resolve("sub"));
                Files.writeString(inbox.resolve("sub/b.txt"), "dropped later");
                Await.until(
                        "the file dropped later", TIMEOUT, () -> rig.rawKeys().size() >= 2);
            } finally {
                rig.ingestor.stop();
            }
            Await.joined(t, TIMEOUT);
            assertThat(rig.raw()).extracting(TestRig::body).containsExactly("already there", "dropped later");
            assertThat(rig.raw().get(1).getSourceId()).isEqualTo("watched");
        }
    }

    @Test
    void shouldTreatStdinAsOneReleaseOrJsonObjects() throws Exception {
        try (TestRig rig = new TestRig(data, Map.of())) {
            byte[] text = Files.readAllBytes(Path.of(
                    FileSourceTest.class.getResource("/sample-raw-scrape.txt").toURI()));
            assertThat(rig.ingestor
                            .ingestStream(new java.io.ByteArrayInputStream(text), "stdin")
                            .published())
                    .isEqualTo(1);
            assertThat(rig.raw().get(0).getContentType()).isEqualTo("text/plain");
            byte[] json = "{\"url\":\"https://a.org/1\",\"body\":\"x\"}\n{\"url\":\"https://a.org/2\",\"body\":\"y\"}"
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(rig.ingestor
                            .ingestStream(new java.io.ByteArrayInputStream(json), "stdin")
                            .published())
                    .isEqualTo(2);
            assertThat(rig.rawKeys()).contains("https://a.org/1", "https://a.org/2");
        }
    }
}
