package org.bulletin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dead-letter headers are the DLQ topic's contract: subscribers and 'bulletin dlq' read these names (#15). */
@Tag("issue-15")
class DeadLetterHeadersTest {

    @Test
    void shouldKeepTheHeaderNamesOnTheWire() {
        Headers h = DeadLetterHeaders.of("enrich", "not a RawRelease")
                .error(new IllegalStateException("x"))
                .origin("bulletin.raw.v1", 2, 41)
                .writeTo(new RecordHeaders());

        assertThat(names(h))
                .containsExactly(
                        "bulletin.stage",
                        "bulletin.reason",
                        "bulletin.error.class",
                        "bulletin.origin.topic",
                        "bulletin.origin.partition",
                        "bulletin.origin.offset");
        assertThat(text(h, "bulletin.stage")).isEqualTo("enrich");
        assertThat(text(h, "bulletin.reason")).isEqualTo("not a RawRelease");
        assertThat(text(h, "bulletin.error.class")).isEqualTo("java.lang.IllegalStateException");
        assertThat(text(h, "bulletin.origin.topic")).isEqualTo("bulletin.raw.v1");
        assertThat(text(h, "bulletin.origin.partition")).isEqualTo("2");
        assertThat(text(h, "bulletin.origin.offset")).isEqualTo("41");
    }

    @Test
    void shouldWriteIngestsSourceAndBodyHeaders() {
        Headers h = DeadLetterHeaders.of("ingest", "oversized")
                .source("files", "file:///x")
                .body(2_000_000, true)
                .writeTo(new RecordHeaders());

        assertThat(names(h))
                .containsExactly(
                        "bulletin.stage",
                        "bulletin.reason",
                        "bulletin.source",
                        "bulletin.url",
                        "bulletin.body.bytes",
                        "bulletin.truncated");
        assertThat(text(h, "bulletin.body.bytes")).isEqualTo("2000000");
        assertThat(text(h, "bulletin.truncated")).isEqualTo("true");
        assertThat(names(DeadLetterHeaders.of("ingest", "empty")
                        .source("feeds", null)
                        .body(0, false)
                        .writeTo(new RecordHeaders())))
                .doesNotContain("bulletin.url", "bulletin.truncated");
    }

    @Test
    void shouldReplaceEarlierAnnotationsAndKeepOtherHeaders() {
        Headers h = new RecordHeaders();
        h.add("trace", bytes("t-1"));
        h.add("bulletin.stage", bytes("ingest"));
        h.add("bulletin.reason", bytes("old"));

        DeadLetterHeaders.of("publish", null)
                .origin("bulletin.enriched.v1", 0, 7)
                .writeTo(h);

        assertThat(h.headers("bulletin.stage")).hasSize(1);
        assertThat(DeadLetterHeaders.stage(h)).isEqualTo("publish");
        assertThat(DeadLetterHeaders.reason(h)).isEmpty();
        assertThat(text(h, "trace")).isEqualTo("t-1");
        assertThat(DeadLetterHeaders.origin(h)).isEqualTo("bulletin.enriched.v1-0@7");
    }

    @Test
    void shouldReadKafkaStreamsOwnDeadLetterHeadersAsAFallback() {
        Headers h = new RecordHeaders();
        h.add("__streams.errors.topic", bytes("bulletin.raw.v1"));
        h.add("__streams.errors.partition", bytes("1"));
        h.add("__streams.errors.offset", bytes("9"));
        h.add("__streams.errors.message", bytes("boom"));

        assertThat(DeadLetterHeaders.stage(h)).isEqualTo("enrich (streams)");
        assertThat(DeadLetterHeaders.reason(h)).isEqualTo("boom");
        assertThat(DeadLetterHeaders.originTopic(h)).isEqualTo("bulletin.raw.v1");
        assertThat(DeadLetterHeaders.origin(h)).isEqualTo("bulletin.raw.v1-1@9");
        assertThat(DeadLetterHeaders.origin(new RecordHeaders())).isNull();
    }

    @Test
    void shouldStripTheAnnotationsAndNameTheDeadLetterOnARedrive() {
        Headers dead = DeadLetterHeaders.of("enrich", "bad")
                .error(new RuntimeException())
                .origin("bulletin.raw.v1", 0, 3)
                .writeTo(new RecordHeaders());
        dead.add("trace", bytes("t-2"));
        dead.add("__streams.errors.message", bytes("boom"));
        dead.add("bulletin.dlq.retried.from", bytes("0:1"));

        Headers redriven = DeadLetterHeaders.redriven(dead, 2, 17);

        assertThat(names(redriven)).containsExactly("trace", "bulletin.dlq.retried.from");
        assertThat(text(redriven, "bulletin.dlq.retried.from")).isEqualTo("2:17");
    }

    private static List<String> names(Headers headers) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(h.key());
        }
        return out;
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
