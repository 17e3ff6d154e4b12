package org.bulletin.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bulletin.app.PipelineFixture;
import org.bulletin.ingest.IngestCounts;
import org.bulletin.schemas.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton end to end, the same way on every infrastructure: the real sample scrape goes through ingest,
 * the enrich Streams app and publish, and lands once in the store and once on the notification topic; a Node.js
 * subscriber (KafkaJS + Confluent's JavaScript schema-registry client) reads every topic family a subscriber uses.
 * One subclass per infrastructure (in-process broker + registry process + local PostgreSQL; Testcontainers where
 * Docker runs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractPipelineIT {

    /** Where the services are. */
    record Infra(
            String bootstrap, String registryUrl, String jdbcUrl, String user, String password, AutoCloseable stop) {}

    abstract Infra startInfra() throws Exception;

    private Path dataDir;

    private Infra infra;
    private PipelineFixture pipeline;

    @BeforeAll
    void start() throws Exception {
        dataDir = tempDir("pipeline-it");
        infra = startInfra();
        pipeline = PipelineFixture.start(
                infra.bootstrap(), infra.registryUrl(), infra.jdbcUrl(), infra.user(), infra.password(), dataDir);
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
        if (infra != null) {
            infra.stop().close();
        }
    }

    @Test
    @Order(1)
    void shouldStoreAndNotifyEachReleaseOfTheSampleScrapeExactlyOnce() throws Exception {
        Path sample = Path.of(getClass().getResource("/sample-raw-scrape.txt").toURI());
        assertThat(sample).exists();

        IngestCounts counts = pipeline.ingestor().ingestPaths(List.of(sample), false, "it");
        assertThat(counts.published()).isEqualTo(1);

        awaitAtLeast(5, this::storedRows, Duration.ofSeconds(90));
        Map<String, String> rows = releases();
        assertThat(rows).hasSize(5);
        assertThat(rows.keySet()).allMatch(id -> id.matches(".+#[1-5]"));

        String videoconference = idWhereTitleContains(rows, "videoconferenc");
        assertThat(labels("release_regions", "region", videoconference))
                .contains("global", "central-asia", "caucasus", "eastern-europe");
        assertThat(labels("release_topics", "topic", videoconference)).contains("diplomacy", "peacekeeping");
        assertThat(labels("release_countries", "country", videoconference)).contains("KZ", "AF");

        List<Notification> notifications = readNotifications(5, Duration.ofSeconds(60));
        assertThat(notifications)
                .extracting(Notification::getReleaseId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(rows.keySet());
        assertThat(notifications).allMatch(n -> !n.getReplay());
    }

    @Test
    @Order(2)
    void shouldNeitherStoreNorNotifyAgainWhenTheSameScrapeIsPushedAgain() throws Exception {
        Path sample = Path.of(getClass().getResource("/sample-raw-scrape.txt").toURI());
        IngestCounts again = pipeline.ingestor().ingestPaths(List.of(sample), true, "it-again");
        assertThat(again.published()).isEqualTo(1);
        // Another raw record, the same releases: upserts that change nothing and notify nothing.
        pipeline.awaitEnrichedCount(10, Duration.ofSeconds(60));
        Thread.sleep(2000);

        assertThat(storedRows()).isEqualTo(5);
        List<Notification> notifications = readNotifications(6, Duration.ofSeconds(5));
        assertThat(notifications).hasSize(5);
    }

    @Test
    @Order(3)
    @Tag("issue-15")
    void shouldLetKafkaJsWithTheLz4CodecReadEveryTopicFamilyASubscriberUses() throws Exception {
        JsSubscriber.requireNodeModules();
        Map<String, List<String>> java = new LinkedHashMap<>();
        for (String topic : subscriberTopics()) {
            java.put(topic, committedRecords(topic));
            assertThat(java.get(topic)).as("committed records on %s", topic).isNotEmpty();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        java.forEach((topic, records) -> counts.put(topic, (long) records.size()));

        JsSubscriber.Result js = JsSubscriber.read(infra.bootstrap(), infra.registryUrl(), true, counts, dataDir);

        assertThat(js.crash()).as("KafkaJS crash; stderr:%n%s", js.stderr()).isNull();
        assertThat(js.exit()).as("subscribe.js exit; stderr:%n%s", js.stderr()).isZero();
        // The same records as the Java client read, each decoded by Confluent's JavaScript schema-registry client.
        assertThat(js.records())
                .extracting(JsSubscriber::position)
                .containsExactlyInAnyOrderElementsOf(
                        java.values().stream().flatMap(List::stream).toList());
        assertThat(js.records())
                .allSatisfy(r -> assertThat(r.get("releaseId").asText())
                        .isEqualTo(r.get("key").asText()));
    }

    @Test
    @Order(4)
    @Tag("issue-15")
    void shouldNeedTheLz4CodecInKafkaJsForTheEnrichedTopicButNotForNotifications() throws Exception {
        JsSubscriber.requireNodeModules();
        String notifications = pipeline.topics().notifications();
        long notified = committedRecords(notifications).size();

        JsSubscriber.Result plain = JsSubscriber.read(
                infra.bootstrap(), infra.registryUrl(), false, Map.of(notifications, notified), dataDir);
        assertThat(plain.exit())
                .as("KafkaJS without a codec on %s; stderr:%n%s", notifications, plain.stderr())
                .isZero();
        assertThat(plain.records()).hasSize((int) notified);

        // What docs/topics.md warns KafkaJS users of: enrich writes lz4, which KafkaJS cannot read on its own.
        JsSubscriber.Result enriched = JsSubscriber.read(
                infra.bootstrap(),
                infra.registryUrl(),
                false,
                Map.of(pipeline.topics().enriched(), 1L),
                dataDir);
        assertThat(enriched.exit()).as("stderr:%n%s", enriched.stderr()).isEqualTo(2);
        assertThat(enriched.crash()).contains("LZ4");
    }

    private List<String> subscriberTopics() {
        return List.of(
                pipeline.topics().enriched(),
                pipeline.topics().byRegion("central-asia"),
                pipeline.topics().notifications());
    }

    /** Every committed record of the topic as "topic/partition/offset/key", read with the Java client. */
    private List<String> committedRecords(String topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                props, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200))
                        .forEach(r -> out.add(r.topic() + "/" + r.partition() + "/" + r.offset() + "/" + r.key()));
            }
            assertThat(tps).as("read %s to its end", topic).allMatch(tp -> c.position(tp) >= ends.get(tp));
        }
        return out;
    }

    private long storedRows() {
        return query("SELECT COUNT(*) FROM releases", rs -> rs.getLong(1)).get(0);
    }

    private Map<String, String> releases() {
        Map<String, String> out = new LinkedHashMap<>();
        query(
                "SELECT release_id, title FROM releases ORDER BY release_id",
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    private Set<String> labels(String table, String column, String releaseId) {
        return new TreeSet<>(query(
                "SELECT " + column + " FROM " + table + " WHERE release_id = '" + releaseId.replace("'", "''") + "'",
                rs -> rs.getString(1)));
    }

    private static String idWhereTitleContains(Map<String, String> rows, String text) {
        return rows.entrySet().stream()
                .filter(e -> e.getValue().toLowerCase().contains(text))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no release titled *" + text + "* in " + rows.values()));
    }

    interface Row<T> {
        T read(ResultSet rs) throws Exception;
    }

    private <T> List<T> query(String sql, Row<T> row) {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.user(), infra.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    private List<Notification> readNotifications(int atMost, Duration within) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Notification> out = new ArrayList<>();
        try (KafkaConsumer<String, Notification> consumer = new KafkaConsumer<>(
                props,
                new StringDeserializer(),
                pipeline.topics().notificationSerde().deserializer())) {
            List<TopicPartition> partitions = consumer
                    .partitionsFor(pipeline.topics().notifications())
                    .stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && out.size() < atMost) {
                for (ConsumerRecord<String, Notification> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    private static void awaitAtLeast(long n, LongSupplier count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && count.getAsLong() < n) {
            Thread.sleep(250);
        }
        assertThat(count.getAsLong()).as("rows after %s", within).isGreaterThanOrEqualTo(n);
    }

    static Path tempDir(String prefix) throws java.io.IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }
}
