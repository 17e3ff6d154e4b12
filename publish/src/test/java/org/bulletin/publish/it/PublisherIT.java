package org.bulletin.publish.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulletin.publish.it.KafkaTestSupport.await;
import static org.bulletin.publish.it.KafkaTestSupport.header;
import static org.bulletin.publish.it.KafkaTestSupport.readAllCommitted;
import static org.bulletin.publish.testdata.Releases.release;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.publish.relay.NotificationRelay;
import org.bulletin.schemas.DeadLetterHeaders;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.bulletin.testing.KafkaTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sink + relay through a real in-process KRaft broker into an embedded store, with the registry-backed serdes:
 * good, duplicate, replayed, oversized, undecodable and aborted records; then a restart on the same store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublisherIT {

    @TempDir
    static Path dataDir;

    private KafkaTestCluster kafka;
    private Topics topics;
    private Serializer<Release> releases;

    @BeforeAll
    void startKafka() {
        kafka = KafkaTestCluster.start();
        topics = Topics.defaults(new InMemorySchemaRegistry());
        kafka.createTopics(3, topics.enriched(), topics.notifications(), topics.dlq());
        releases = topics.releaseSerde().serializer();
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    private PublishConfig config() {
        return new PublishConfig(Map.of(
                PublishConfig.DATA_DIR,
                dataDir.toString(),
                PublishConfig.BATCH_SIZE,
                "25",
                PublishConfig.TRANSACTIONAL_ID,
                "it-relay"));
    }

    private KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private ProducerRecord<byte[], byte[]> record(Release r) {
        return new ProducerRecord<>(
                topics.enriched(),
                r.getReleaseId().getBytes(StandardCharsets.UTF_8),
                releases.serialize(topics.enriched(), r));
    }

    @Test
    void shouldStoreEachReleaseOnceNotifyOriginalsOnceAndDeadLetterOnlyTheBadRecords() throws Exception {
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(record(release("it-" + i).build()));
        }
        for (int i = 0; i < 10; i++) {
            batch.add(record(release("it-dup-" + i).setDuplicateOf("it-" + i).build()));
        }
        batch.add(record(release("it-replayed").setReplay(true).build()));
        batch.add(record(release("it-oversized").setTitle("t".repeat(3000)).build()));
        for (int i = 0; i < 3; i++) {
            batch.add(new ProducerRecord<>(
                    topics.enriched(),
                    ("garbage-" + i).getBytes(StandardCharsets.UTF_8),
                    new byte[] {0, 0, 0, 0, 99, 1, 2, 3}));
        }
        batch.add(record(release("it-0").build())); // the same release again: no second row, no notification
        try (KafkaProducer<byte[], byte[]> p = producer(null)) {
            batch.forEach(p::send);
        }
        try (KafkaProducer<byte[], byte[]> p = producer("it-aborting")) {
            p.initTransactions();
            p.beginTransaction();
            for (int i = 0; i < 5; i++) {
                p.send(record(release("it-aborted-" + i).build()));
            }
            p.flush();
            p.abortTransaction();
        }

        try (Publisher publisher = Publisher.start(config(), topics, kafka.bootstrapServers())) {
            await("112 rows", Duration.ofSeconds(60), () -> publisher.store().count() == 111);
            await(
                    "101 notifications",
                    Duration.ofSeconds(60),
                    () -> readAllCommitted(kafka.bootstrapServers(), topics.notifications())
                                    .size()
                            == 101);
            await("healthy", Duration.ofSeconds(30), () -> publisher.health().healthy());
            assertThat(publisher.store().find("it-aborted-0")).isEmpty();
            assertThat(publisher.store().find("it-dup-3").orElseThrow().duplicateOf())
                    .isEqualTo("it-3");
            String metrics = publisher.meterRegistry().scrape();
            assertThat(metrics)
                    .contains("bulletin_publish_dlq_total 4.0")
                    .contains("bulletin_publish_records_in_total 116.0");
        }

        List<ConsumerRecord<byte[], byte[]>> notes = readAllCommitted(kafka.bootstrapServers(), topics.notifications());
        List<Notification> decoded = notes.stream()
                .map(r -> topics.notificationSerde().deserializer().deserialize(topics.notifications(), r.value()))
                .toList();
        assertThat(decoded)
                .extracting(Notification::getReleaseId)
                .doesNotHaveDuplicates()
                .contains("it-0", "it-99", "it-replayed")
                .noneMatch(id -> id.startsWith("it-dup-"));
        assertThat(decoded)
                .filteredOn(Notification::getReplay)
                .extracting(Notification::getReleaseId)
                .containsExactly("it-replayed");
        assertThat(notes)
                .allSatisfy(r -> assertThat(header(r, NotificationRelay.HEADER_OUTBOX_ID))
                        .isNotNull());

        List<ConsumerRecord<byte[], byte[]>> dlq = readAllCommitted(kafka.bootstrapServers(), topics.dlq());
        assertThat(dlq).hasSize(4).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.STAGE)).isEqualTo("publish");
            assertThat(header(r, DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(topics.enriched());
            assertThat(header(r, DeadLetterHeaders.ORIGIN_OFFSET)).isNotNull();
            assertThat(header(r, DeadLetterHeaders.ORIGIN_PARTITION)).isNotNull();
        });
        assertThat(dlq)
                .filteredOn(r -> header(r, DeadLetterHeaders.REASON).contains("SQLSTATE 22001"))
                .hasSize(1);
        assertThat(dlq)
                .filteredOn(r -> header(r, DeadLetterHeaders.REASON).startsWith("deserialization"))
                .hasSize(3);

        // Restart on the same store: nothing is consumed, stored or notified twice; new input flows.
        try (KafkaProducer<byte[], byte[]> p = producer(null)) {
            for (int i = 0; i < 5; i++) {
                p.send(record(release("it-after-" + i).build()));
            }
        }
        try (Publisher publisher = Publisher.start(config(), topics, kafka.bootstrapServers())) {
            await("116 rows", Duration.ofSeconds(60), () -> publisher.store().count() == 116);
            await(
                    "106 notifications",
                    Duration.ofSeconds(60),
                    () -> readAllCommitted(kafka.bootstrapServers(), topics.notifications())
                                    .size()
                            == 106);
            Thread.sleep(1_000); // give a wrongly re-relaying relay the chance to show itself
        }
        assertThat(readAllCommitted(kafka.bootstrapServers(), topics.notifications()))
                .hasSize(106);
        assertThat(readAllCommitted(kafka.bootstrapServers(), topics.dlq())).hasSize(4);
    }
}
