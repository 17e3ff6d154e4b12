package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bulletin.schemas.RawRelease;
import org.bulletin.testing.KafkaTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and push through a real in-process KRaft broker, read back; then a restart that pushes nothing again. */
class IngestIT {

    private static final String RAW = "bulletin.raw.v1";
    private static final String DLQ = "bulletin.dlq.v1";
    private static KafkaTestCluster kafka;

    @TempDir
    Path data;

    @TempDir
    Path inbox;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
        try (Admin admin = kafka.admin()) {
            // the raw topic must take bodies up to the 5 MiB ingest limit (broker default is 1 MiB)
            admin.createTopics(List.of(
                            new NewTopic(RAW, 3, (short) 1)
                                    .configs(Map.of("max.message.bytes", String.valueOf(6 << 20))),
                            new NewTopic(DLQ, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private Ingestor ingestor() {
        IngestConfig config =
                new IngestConfig(Map.of(IngestConfig.DATA_DIR, data.toString(), IngestConfig.PUSH_TOKEN, "it-token"));
        RawPublisher publisher = new RawPublisher(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new AvroBinary(),
                RAW,
                DLQ,
                config.maxBodyBytes());
        return new Ingestor(config, publisher);
    }

    @Test
    void shouldProduceReadableRawReleasesAndDeadLettersAndNotRepushAfterRestart() throws Exception {
        Files.writeString(inbox.resolve("a.txt"), "The CSTO Secretary General took part in the debate.");
        Files.writeString(inbox.resolve("b.html"), "<html><body><p>Встреча в Москве</p></body></html>");
        Files.writeString(
                inbox.resolve("c.jsonl"), "{\"url\":\"https://odkb.org/n/1?utm_campaign=x\",\"body\":\"One\"}\n");
        Files.write(inbox.resolve("big.txt"), "word ".repeat(400_000).getBytes(StandardCharsets.UTF_8)); // 2 MB
        Files.write(inbox.resolve("empty.txt"), new byte[0]);

        try (Ingestor first = ingestor()) {
            IngestCounts c = first.ingestPaths(List.of(inbox), false);
            assertThat(c).isEqualTo(new IngestCounts(5, 4, 0, 1, 0));
            PushHandler.Result pushed = first.pushHandler()
                    .handle("Bearer it-token", "text/plain", "Pushed over HTTP.".getBytes(StandardCharsets.UTF_8));
            assertThat(pushed.status()).isEqualTo(202);
            assertThat(first.counters()).isEqualTo(new RawPublisher.Counters(5, 0, 1, 0));
        }
        try (Ingestor second = ingestor()) {
            IngestCounts c = second.ingestPaths(List.of(inbox), false);
            assertThat(c.published()).isZero();
            assertThat(c.unchanged())
                    .as("4 releases and the empty file already in dead letters")
                    .isEqualTo(5);
        }

        List<ConsumerRecord<String, byte[]>> raw = readAll(RAW, 5);
        AvroBinary serde = new AvroBinary();
        List<RawRelease> values =
                raw.stream().map(r -> serde.deserialize(RAW, r.value())).toList();
        assertThat(raw).extracting(ConsumerRecord::key).contains("https://odkb.org/n/1");
        assertThat(values).extracting(RawRelease::getSourceId).containsOnly("files", "push");
        assertThat(values).anySatisfy(v -> assertThat(v.getBody().remaining()).isEqualTo(2_000_000));
        assertThat(values).allSatisfy(v -> assertThat(v.getContentHash()).hasSize(64));

        List<ConsumerRecord<String, byte[]>> dlq = readAll(DLQ, 1);
        assertThat(new String(dlq.get(0).headers().lastHeader("bulletin.reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("empty body");
        assertThat(new String(dlq.get(0).headers().lastHeader("bulletin.stage").value(), StandardCharsets.UTF_8))
                .isEqualTo("ingest");
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                8 << 20);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // one more poll: anything beyond the expected count would be a re-push
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        assertThat(out).hasSize(expected);
        return out;
    }
}
