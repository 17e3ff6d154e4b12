package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RawPublisherTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final RawPublisher publisher = new RawPublisher(producer, new AvroBinary(), "raw", "dlq");

    @Test
    void shouldForceIdempotentAllAcksAndDefaultToLz4() {
        Map<String, Object> p =
                RawPublisher.producerProps(Map.of("bootstrap.servers", "x:1", "acks", "1"), 5 * 1024 * 1024);
        assertThat(p)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        assertThat((Integer) p.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).isGreaterThan(5 * 1024 * 1024);
    }

    @Test
    void shouldLetOpsChooseAnotherCodec() { // #15
        Map<String, Object> p = RawPublisher.producerProps(
                Map.of("bootstrap.servers", "x:1", "compression.type", "zstd"), 5 * 1024 * 1024);
        assertThat(p).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    }

    @Test
    void shouldPublishKeyedAvroAndCount() throws Exception {
        RawRecord rec = RawRecords.build(
                new Document("s", "http://a.org/x", "text/plain", "body".getBytes(StandardCharsets.UTF_8), null),
                Instant.now());
        publisher.publish(rec.key(), rec.value()).get();
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("raw");
        assertThat(sent.key()).isEqualTo("http://a.org/x");
        assertThat(new AvroBinary().deserialize("raw", sent.value()).getContentHash())
                .isEqualTo(rec.value().getContentHash());
        assertThat(publisher.snapshot()).isEqualTo(new RawPublisher.Counters(1, 0, 0, 0));
    }

    @Test
    void shouldDeadLetterWithHeadersAndTruncateHugeBodies() throws Exception {
        byte[] huge = new byte[RawPublisher.DLQ_MAX_VALUE_BYTES + 10];
        publisher
                .deadLetter("k", huge, "oversized: too big", "files", "file:///x")
                .get();
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("dlq");
        assertThat(TestRig.header(sent, "bulletin.stage")).isEqualTo("ingest");
        assertThat(TestRig.header(sent, "bulletin.reason")).isEqualTo("oversized: too big");
        assertThat(TestRig.header(sent, "bulletin.source")).isEqualTo("files");
        assertThat(TestRig.header(sent, "bulletin.url")).isEqualTo("file:///x");
        assertThat(TestRig.header(sent, "bulletin.truncated")).isEqualTo("true");
        assertThat(TestRig.header(sent, "bulletin.body.bytes")).isEqualTo(Integer.toString(huge.length));
        assertThat(sent.value()).hasSize(RawPublisher.DLQ_MAX_VALUE_BYTES);
        assertThat(publisher.snapshot().dlq()).isEqualTo(1);
    }

    @Test
    void shouldCountFailedSendsAsErrors() {
        MockProducer<String, byte[]> manual =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        RawPublisher p = new RawPublisher(manual, new AvroBinary(), "raw", "dlq");
        RawRecord rec = RawRecords.build(
                new Document("s", null, null, "x".getBytes(StandardCharsets.UTF_8), null), Instant.now());
        var f = p.publish(rec.key(), rec.value());
        manual.errorNext(new RuntimeException("broker gone"));
        assertThat(f).isCompletedExceptionally();
        assertThat(p.snapshot().errors()).isEqualTo(1);
        assertThat(p.snapshot().published()).isZero();
    }
}
