package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.RawPublisher;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.SchemaRegistries;
import org.bulletin.testing.KafkaTestCluster;
import org.bulletin.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pipeline on a replicated cluster (#19): three in-process brokers beside a controller, topics made by
 * {@code bulletin topics} (replication factor 3, min.insync.replicas 2), ingest -> enrich -> publish in this JVM with
 * their default settings. While releases flow, the broker leading the raw topic's first partition goes away without a
 * controlled shutdown (as after a crash: the controller notices when its heartbeats stop), and comes back after the
 * flow. Every release ingest had acknowledged must then be on the raw topic once, enriched once, stored once and
 * notified once. Prints what the loss cost (one line starting "replicated-pipeline:"), for docs/cluster.md.
 */
@Tag("issue-19")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedPipelineIT {

    private static final String REGISTRY = "mem://replicated-pipeline-it";
    private static final String PREFIX = "rp-";
    /** Releases that start the flow: every stage has handled them (Streams has its tasks) before the timed part. */
    private static final int WARM_UP = 5;
    /** Releases of the steady flow stored before the broker goes away. */
    private static final int STEADY = 10;
    /** Releases the flow goes on sending after the loss (15 s), however long the steady part took. */
    private static final int AFTER_LOSS = 75;

    private static final long SEND_EVERY_MS = 200;

    private KafkaTestCluster kafka;
    private PostgresTestDatabase db;
    private PipelineFixture pipeline;
    private Topics topics;

    @BeforeAll
    void start() throws Exception {
        kafka = KafkaTestCluster.start(3, true);
        db = PostgresTestDatabase.create();
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "replicated-pipeline-it");
        CommandResult created =
                CommandResult.run("topics", "--bootstrap", kafka.bootstrapServers(), "--registry", REGISTRY);
        assertThat(created.exit())
                .as("topics: %s%s", created.out(), created.err())
                .isZero();
        assertThat(created.out()).contains("3 brokers; replication factor 3, min.insync.replicas 2");
        pipeline = PipelineFixture.start(kafka.bootstrapServers(), REGISTRY, db.jdbcUrl(), db.user(), "", dir);
        topics = pipeline.topics();
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (db != null) {
            db.close();
        }
        SchemaRegistries.dropInMemory(REGISTRY);
    }

    @Test
    @Order(1)
    void shouldStoreAndNotifyEveryAcknowledgedReleaseOnceWhenTheRawLeaderBrokerIsLost() throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> ackedAt = new ConcurrentHashMap<>();
        Map<String, Long> storedAt = new ConcurrentHashMap<>();
        StoreWatcher watcher = new StoreWatcher(storedAt);
        watcher.start();
        int lost;
        long stoppedAt;
        // Set when the broker goes: from then on the flow counts down the releases it still sends.
        AtomicLong lossAt = new AtomicLong();
        int released;
        try (RawPublisher raw = new RawPublisher(
                KafkaClients.config(kafka.bootstrapServers(), Map.of()),
                topics.rawSerde().serializer(),
                topics.raw(),
                topics.dlq(),
                IngestConfig.DEFAULT_MAX_BODY_BYTES)) {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < WARM_UP; i++) {
                sends.add(send(raw, i, sentAt, ackedAt));
            }
            awaitStored(storedAt, WARM_UP, Duration.ofSeconds(60));
            // A steady flow, one release every 200 ms; the broker goes once the flow's first releases came through.
            ExecutorService sender = Executors.newSingleThreadExecutor();
            CompletableFuture<List<CompletableFuture<?>>> flow = CompletableFuture.supplyAsync(
                    () -> {
                        List<CompletableFuture<?>> out = new ArrayList<>();
                        int afterLoss = 0;
                        for (int i = WARM_UP; afterLoss < AFTER_LOSS; i++) {
                            boolean lostAlready = lossAt.get() != 0;
                            out.add(send(raw, i, sentAt, ackedAt));
                            afterLoss += lostAlready ? 1 : 0;
                            pause(SEND_EVERY_MS);
                        }
                        return out;
                    },
                    sender);
            sender.shutdown();
            awaitStored(storedAt, WARM_UP + STEADY, Duration.ofSeconds(90));
            lost = kafka.leaderOf(topics.raw(), 0);
            stoppedAt = System.nanoTime();
            lossAt.set(stoppedAt);
            kafka.stopBroker(lost);
            sends.addAll(flow.get(120, TimeUnit.SECONDS));
            released = sends.size();
            // Acknowledged: on min.insync.replicas brokers at least. None may fail: ingest retries until it is.
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        awaitStored(storedAt, released, Duration.ofSeconds(120));
        long allStoredAt = System.nanoTime();
        watcher.stop();
        kafka.startBroker(lost);
        long back = System.nanoTime();
        kafka.awaitFullyReplicated(Duration.ofSeconds(60));
        long caughtUp = System.nanoTime();

        List<String> ids = ids(released);
        // Each release ingest acknowledged: written once (idempotent producer retried through the leader change),
        assertOncePerId(keysOn(topics.raw()), ids, "raw records");
        // enriched once (exactly-once across the transactions the loss aborted),
        assertOncePerId(keysOn(topics.enriched()), ids, "enriched records");
        // stored once, as an original,
        assertThat(storedRows(true)).as("stored originals").containsExactlyInAnyOrderElementsOf(ids);
        // and notified once.
        assertThat(notifiedIds()).as("notifications").containsExactlyInAnyOrderElementsOf(ids);

        report(lost, released, sentAt, ackedAt, storedAt, stoppedAt, allStoredAt, back, caughtUp);
    }

    @Test
    @Order(2)
    void shouldFindEveryTopicIncludingEnrichsInternalOnesReplicatedAsAskedAfterTheLoss() throws Exception {
        CommandResult check =
                CommandResult.run("topics", "--check", "--bootstrap", kafka.bootstrapServers(), "--registry", REGISTRY);

        // Enrich's changelogs and repartition topics took the brokers' default: factor 3, min ISR 2.
        assertThat(check.exit())
                .as("topics --check: %s%s", check.out(), check.err())
                .isZero();
        assertThat(check.out()).contains("match their expected configuration");
        try (Admin admin = kafka.admin()) {
            List<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> TopicSetup.isStreamsInternal(t, "bulletin-enrich"))
                    .toList();
            assertThat(internal)
                    .as("enrich's internal topics, which the check covered")
                    .contains("bulletin-enrich-dedup-store-changelog", "bulletin-enrich-story-repartition");
            assertThat(admin.describeTopics(internal)
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .values())
                    .allSatisfy(d -> assertThat(d.partitions())
                            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
        }
    }

    private static void assertOncePerId(Map<String, Long> counts, List<String> ids, String what) {
        assertThat(counts.keySet()).as(what).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(counts)
                .as("%s per id", what)
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
    }

    private CompletableFuture<?> send(RawPublisher raw, int i, Map<String, Long> sentAt, Map<String, Long> ackedAt) {
        String key = key(i);
        sentAt.put(key, System.nanoTime());
        return raw.publish(key, release(key, i)).thenRun(() -> ackedAt.put(key, System.nanoTime()));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending", e);
        }
    }

    private static String key(int i) {
        return PREFIX + String.format(Locale.ROOT, "%04d", i);
    }

    private static List<String> ids(int released) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < released; i++) {
            ids.add(key(i));
        }
        return ids;
    }

    /** A short web page holding one release; words drawn at random, so two releases share no 5-word shingle. */
    private static RawRelease release(String key, int i) {
        Random r = new Random(19L * 1_000 + i);
        StringBuilder body = new StringBuilder();
        for (int p = 0; p < 3; p++) {
            body.append("<p>")
                    .append(sentence(r, 14))
                    .append(' ')
                    .append(sentence(r, 12))
                    .append("</p>\n");
        }
        String title = "Ministry " + sentence(r, 5) + " " + key;
        String html = "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>\n" + body
                + "</article></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        return RawRelease.newBuilder()
                .setSourceId("replicated-it")
                .setSourceUrl("https://example.org/" + key)
                .setFetchedAt(Instant.now())
                .setContentType("text/html")
                .setCharset("UTF-8")
                .setBody(ByteBuffer.wrap(bytes))
                .setContentHash(Integer.toHexString(html.hashCode()) + "-" + key)
                .setMetadata(Map.of())
                .build();
    }

    private static final String[] WORDS =
            ("council delegation minister border treaty agreement summit envoy exercise training mission report "
                            + "budget protocol inspection convoy relief flood harvest railway bridge school hospital vaccine "
                            + "election parliament court decree ceasefire corridor patrol customs export import tariff grain "
                            + "pipeline energy grid reactor satellite launch archive museum festival library scholarship "
                            + "drought irrigation fishery forest wildfire earthquake shelter refugee migration passport visa "
                            + "embassy consulate charter memorandum roadmap framework census survey audit tender contract")
                    .split(" ");

    private static String sentence(Random r, int words) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String word = WORDS[r.nextInt(WORDS.length)];
            s.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                    .append(w % 5 == 4 ? " " + (10 + r.nextInt(990)) + " " : " ");
        }
        return s.toString().strip() + ".";
    }

    /** Polls the store for new rows and notes when each release id first appeared. */
    private final class StoreWatcher {
        private final Map<String, Long> storedAt;
        private volatile boolean running = true;
        private final Thread thread;

        StoreWatcher(Map<String, Long> storedAt) {
            this.storedAt = storedAt;
            this.thread = new Thread(this::run, "store-watcher");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        private void run() {
            while (running) {
                try {
                    long now = System.nanoTime();
                    storedRows(false).forEach(id -> storedAt.putIfAbsent(id, now));
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // The store is not migrated yet, or busy: look again.
                }
            }
        }
    }

    private static void awaitStored(Map<String, Long> storedAt, int n, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (storedAt.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(storedAt.size()).as("releases stored within %s", within).isGreaterThanOrEqualTo(n);
    }

    /** Release ids of the stored rows (or only the originals) with the test's prefix, one entry per row. */
    private List<String> storedRows(boolean originalsOnly) {
        String sql = "SELECT release_id FROM releases WHERE release_id LIKE ?"
                + (originalsOnly ? " AND duplicate_of IS NULL" : "");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, PREFIX + "%");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store: " + e.getMessage(), e);
        }
    }

    /** How many committed records each key has on {@code topic}, read to its current end. */
    private Map<String, Long> keysOn(String topic) {
        return committed(topic).stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .filter(k -> k.startsWith(PREFIX))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private List<String> notifiedIds() {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : committed(topics.notifications())) {
            Notification n = topics.notificationSerde().deserializer().deserialize(r.topic(), r.value());
            if (n.getReleaseId().startsWith(PREFIX)) {
                out.add(n.getReleaseId());
            }
        }
        return out;
    }

    private List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            assertThat(tps).as("read %s to its end", topic).allMatch(tp -> c.position(tp) >= ends.get(tp));
        }
        return out;
    }

    /**
     * One line of figures: how long ingest's acknowledgements stalled (until the controller moved the lost broker's
     * leaderships), how long the whole flow stalled (from the loss until a release sent after it was stored), and
     * when every release was stored; latencies of the steady flow before the loss, for comparison.
     */
    private static void report(
            int lost,
            int released,
            Map<String, Long> sentAt,
            Map<String, Long> ackedAt,
            Map<String, Long> storedAt,
            long stoppedAt,
            long allStoredAt,
            long back,
            long caughtUp) {
        List<Long> beforeE2e = new ArrayList<>();
        List<Long> afterAck = new ArrayList<>();
        long firstAfterStored = Long.MAX_VALUE;
        int after = 0;
        for (int i = WARM_UP; i < released; i++) {
            String k = key(i);
            if (sentAt.get(k) < stoppedAt) {
                beforeE2e.add(storedAt.get(k) - sentAt.get(k));
            } else {
                after++;
                afterAck.add(ackedAt.get(k) - sentAt.get(k));
                firstAfterStored = Math.min(firstAfterStored, storedAt.get(k));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "replicated-pipeline: broker %d lost; before: %d releases, end-to-end p50 %.2f s; after: %d releases,"
                        + " ingest ack p50 %.2f s max %.2f s; flow stalled %.1f s (loss to first later release"
                        + " stored); all %d stored %.1f s after the loss; restarted broker in sync %.1f s after its"
                        + " start%n",
                lost,
                beforeE2e.size(),
                s(median(beforeE2e)),
                after,
                s(median(afterAck)),
                s(afterAck.stream().mapToLong(Long::longValue).max().orElse(0)),
                s(firstAfterStored - stoppedAt),
                released,
                s(allStoredAt - stoppedAt),
                s(caughtUp - back));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static double s(long nanos) {
        return nanos / 1e9;
    }
}
