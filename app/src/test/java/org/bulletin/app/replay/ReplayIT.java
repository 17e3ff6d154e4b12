package org.bulletin.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichService;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;
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
import picocli.CommandLine;

/**
 * Replay and the ops tools against a real in-process broker, the in-memory registry and PostgreSQL: history is
 * ingested and published under the bundled rules, a rule changes, the dry run reports the change and writes nothing,
 * the replay applies it while live records keep flowing, and the DLQ and export commands work on the result.
 */
@Tag("issue-6")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    private static final String REGISTRY = "mem://replay-it";
    private static final Duration WAIT = Duration.ofSeconds(45);
    /** A phrase the edited rules make an education cue; only releases 1 and 2 contain it. */
    private static final String NEW_CUE = "Zarafshon library";

    private KafkaTestCluster kafka;
    private PostgresTestDatabase db;
    private Topics topics;
    private Path dir;
    private Path editedRules;
    private Publisher publisher;
    private EnrichService enrich;
    private Instant historyFrom;
    private Instant historyTo;

    @BeforeAll
    void startPipelineAndPublishHistory() throws Exception {
        kafka = KafkaTestCluster.start();
        db = PostgresTestDatabase.create();
        dir = Files.createTempDirectory("replay-it");
        editedRules = editRules(dir.resolve("rules"));
        assertThat(cli("topics", "--partitions", "2")).isZero();
        topics = Topics.fromConfig(Map.of(), SchemaRegistries.connect(REGISTRY));
        publisher = Publisher.start(
                new PublishConfig(Map.of(
                        PublishConfig.STORE_URL,
                        db.jdbcUrl(),
                        PublishConfig.STORE_USER,
                        db.user(),
                        PublishConfig.DATA_DIR,
                        dir.toString())),
                topics,
                kafka.bootstrapServers());
        enrich = startEnrich(null);

        historyFrom = Instant.now().minusSeconds(1);
        send(history());
        awaitValue(this::storedRows, 5L);
        awaitValue(() -> (long) notifications().size(), 4L);
        historyTo = Instant.now();
    }

    @AfterAll
    void stop() throws IOException {
        if (enrich != null) {
            enrich.close();
        }
        if (publisher != null) {
            publisher.close();
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
    void shouldVerifyEveryTopicAgainstItsExpectedConfiguration() {
        StringWriter out = new StringWriter();
        assertThat(cli(out, "topics", "--check", "--partitions", "2")).isZero();
        assertThat(out.toString()).contains("match their expected configuration");

        assertThat(cli(out, "topics", "--check", "--partitions", "3")).isEqualTo(1);
        assertThat(out.toString()).contains("bulletin.raw.v1").contains("partitions");
    }

    @Test
    @Order(2)
    void shouldReportTheEffectOfARuleChangeOnADryRunAndWriteNothing() throws Exception {
        Map<String, Long> endsBefore = endOffsets();
        Map<String, Long> rowsBefore = tableCounts();
        StringWriter out = new StringWriter();

        int exit = cli(
                out,
                "replay",
                "--dry-run",
                "--format",
                "json",
                "--from",
                historyFrom.toString(),
                "--store",
                db.jdbcUrl(),
                "-D",
                PublishConfig.STORE_USER + "=" + db.user(),
                "-D",
                EnrichConfig.RULES_DIR + "=" + editedRules);

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("records").asLong()).isEqualTo(5);
        assertThat(report.get("changed").asLong()).isEqualTo(2);
        assertThat(report.get("topics").get("education").get("added").asLong()).isEqualTo(2);
        assertThat(report.get("topics").get("education").get("removed").asLong())
                .isZero();
        JsonNode sample = report.get("samples").get(0);
        assertThat(sample.get("newTopics").toString()).contains("education");
        assertThat(sample.get("oldTopics").toString()).doesNotContain("education");
        assertThat(sample.get("addedEvidence").get("education").toString()).contains(NEW_CUE);
        // Nothing written: no topic grew, no row changed.
        assertThat(endOffsets()).isEqualTo(endsBefore);
        assertThat(tableCounts()).isEqualTo(rowsBefore);

        // The same through the publish HTTP API: how the dry run reads the store 'bulletin run' holds open.
        try (var api = publisher.api().build().start(0)) {
            StringWriter viaApi = new StringWriter();
            assertThat(cli(
                            viaApi,
                            "replay",
                            "--dry-run",
                            "--format",
                            "json",
                            "--from",
                            historyFrom.toString(),
                            "--api",
                            "http://127.0.0.1:" + api.port(),
                            "-D",
                            EnrichConfig.RULES_DIR + "=" + editedRules))
                    .isZero();
            JsonNode viaApiReport = new ObjectMapper().readTree(viaApi.toString());
            assertThat(viaApiReport.get("changed").asLong()).isEqualTo(2);
            assertThat(viaApiReport.get("notStored").asLong()).isZero();
        }

        StringWriter text = new StringWriter();
        assertThat(cli(
                        text,
                        "replay",
                        "--dry-run",
                        "--from",
                        historyFrom.toString(),
                        "--store",
                        db.jdbcUrl(),
                        "-D",
                        PublishConfig.STORE_USER + "=" + db.user(),
                        "-D",
                        EnrichConfig.RULES_DIR + "=" + editedRules))
                .isZero();
        assertThat(text.toString()).contains("education").contains("+2").contains("\"" + NEW_CUE + "\"");
    }

    @Test
    @Order(3)
    @Tag("issue-15")
    void shouldShowOnlyAsManyChangedReleasesAsAskedOnADryRun() throws Exception {
        Map<String, Long> endsBefore = endOffsets();
        StringWriter out = new StringWriter();

        assertThat(cli(
                        out,
                        "replay",
                        "--dry-run",
                        "--sample",
                        "1",
                        "--format",
                        "json",
                        "--from",
                        historyFrom.toString(),
                        "--store",
                        db.jdbcUrl(),
                        "-D",
                        PublishConfig.STORE_USER + "=" + db.user(),
                        "-D",
                        EnrichConfig.RULES_DIR + "=" + editedRules))
                .isZero();

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("changed").asLong()).isEqualTo(2);
        assertThat(report.get("samples")).hasSize(1);
        assertThat(report.get("samples")
                        .get(0)
                        .get("addedEvidence")
                        .get("education")
                        .toString())
                .contains(NEW_CUE);
        assertThat(endOffsets()).isEqualTo(endsBefore);
    }

    @Test
    @Order(4)
    void shouldApplyTheNewRulesToHistoryWhileLiveRecordsFlowExactlyOnce() throws Exception {
        enrich.close();
        enrich = startEnrich(editedRules);
        List<Doc> live = List.of(doc("live-1", "Kulob", ""), doc("live-2", "Khorog", ""), doc("live-3", "Panj", ""));
        Thread liveIngest = new Thread(
                () -> {
                    for (Doc d : live) {
                        send(List.of(d));
                        sleep(300);
                    }
                },
                "live-ingest");
        liveIngest.start();

        int exit = cli(
                "replay",
                "--from",
                historyFrom.toString(),
                "--to",
                historyTo.toString(),
                "--wait",
                "--wait-timeout",
                "PT45S",
                "-D",
                EnrichConfig.RULES_DIR + "=" + editedRules);
        liveIngest.join();

        assertThat(exit).isZero();
        awaitValue(this::storedRows, 8L);
        // 4 history notifications + 4 replay notifications (the duplicate is never notified) + 3 live ones.
        awaitValue(() -> (long) notifications().size(), 11L);
        List<Notification> notes = notifications();
        Map<String, List<Boolean>> replayFlags = new TreeMap<>();
        notes.forEach(n -> replayFlags
                .computeIfAbsent(n.getReleaseId(), k -> new ArrayList<>())
                .add(n.getReplay()));
        for (String id : List.of(
                "https://example.org/r1",
                "https://example.org/r2",
                "https://example.org/r3",
                "https://example.org/r4")) {
            assertThat(replayFlags.get(id)).as(id).containsExactly(false, true);
        }
        assertThat(replayFlags).doesNotContainKey("https://example.org/r5-copy");
        live.forEach(d -> assertThat(replayFlags.get(d.key())).as(d.key()).containsExactly(false));

        awaitValue(() -> query("SELECT COUNT(*) FROM releases WHERE replay"), 5L);
        // Changed labels in the store, the old ones in history, one row per release.
        assertThat(query("SELECT COUNT(*) FROM releases")).isEqualTo(8);
        assertThat(query("SELECT COUNT(DISTINCT release_id) FROM releases")).isEqualTo(8);
        assertThat(query("SELECT COUNT(*) FROM release_topics WHERE topic = 'education'"))
                .isEqualTo(2);
        assertThat(query("SELECT COUNT(*) FROM release_history WHERE release_id = 'https://example.org/r1'"
                        + " AND classification NOT LIKE '%education%'"))
                .isEqualTo(1);
        assertThat(query("SELECT COUNT(*) FROM releases WHERE replay AND release_id LIKE 'https://example.org/r%'"))
                .isEqualTo(5);
        assertThat(query("SELECT COUNT(*) FROM releases WHERE release_id LIKE 'https://example.org/live%'"
                        + " AND NOT replay"))
                .isEqualTo(3);
        // The live path neither skipped nor repeated: each live release went through enrich exactly once.
        Map<String, Integer> enrichedLive = new HashMap<>();
        for (Release r : readAll(topics.enriched(), topics.releaseSerde().deserializer())) {
            if (r.getReleaseId().contains("/live-")) {
                assertThat(r.getReplay()).isFalse();
                enrichedLive.merge(r.getReleaseId(), 1, Integer::sum);
            }
        }
        assertThat(enrichedLive)
                .hasSize(3)
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(endOffsets().get(topics.replay())).isGreaterThanOrEqualTo(5);

        StringWriter status = new StringWriter();
        assertThat(cli(
                        status,
                        "status",
                        "--format",
                        "json",
                        "--store",
                        db.jdbcUrl(),
                        "-D",
                        PublishConfig.STORE_USER + "=" + db.user()))
                .isZero();
        JsonNode s = new ObjectMapper().readTree(status.toString());
        assertThat(s.get("stages").findValuesAsText("stage")).containsExactly("enrich", "publish", "relay");
        assertThat(s.get("stages").get(1).get("lag").asLong()).isZero();
        assertThat(s.get("dlq").get("count").asLong()).isZero();
    }

    @Test
    @Order(5)
    void shouldListAndReDriveDeadLettersToTheirOrigin() throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topics.raw(), "bad-1", "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        awaitValue(
                () -> (long) readAll(topics.dlq(), new ByteArrayDeserializer()).size(), 1L);

        StringWriter list = new StringWriter();
        assertThat(cli(list, "dlq", "list", "--limit", "5")).isZero();
        assertThat(list.toString())
                .contains("1 dead letter(s)")
                .contains("bad-1")
                .contains("not a RawRelease")
                .contains(topics.raw());
        String position = list.toString()
                .lines()
                .filter(l -> l.contains("bad-1"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[0];
        StringWriter show = new StringWriter();
        assertThat(cli(show, "dlq", "show", position)).isZero();
        assertThat(show.toString()).contains("not avro").contains("bulletin.origin.topic");

        assertThat(cli("dlq", "retry", "--all")).isZero();
        // Re-driven to the raw topic with its original bytes, where it fails again: a second dead letter.
        awaitValue(
                () -> (long) readAll(topics.dlq(), new ByteArrayDeserializer()).size(), 2L);
        List<byte[]> raw = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records(topics.raw(), new ByteArrayDeserializer())) {
            if ("bad-1".equals(r.key())) {
                raw.add(r.value());
            }
        }
        assertThat(raw)
                .hasSize(2)
                .allSatisfy(
                        v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("not avro"));
    }

    @Test
    @Order(6)
    void shouldBackfillADownstreamTopicWithNotificationsFromTheStore() throws Exception {
        kafka.createTopics(1, "backfill.v1");

        StringWriter out = new StringWriter();
        assertThat(cli(
                        out,
                        "export",
                        "--to-topic",
                        "backfill.v1",
                        "--topic",
                        "education",
                        "--store",
                        db.jdbcUrl(),
                        "-D",
                        PublishConfig.STORE_USER + "=" + db.user()))
                .isZero();

        List<Notification> exported =
                readAll("backfill.v1", topics.notificationSerde().deserializer());
        assertThat(exported)
                .extracting(Notification::getReleaseId)
                .containsExactlyInAnyOrder("https://example.org/r1", "https://example.org/r2");
        assertThat(exported).allSatisfy(n -> {
            assertThat(n.getReplay()).isTrue();
            assertThat(n.getTopics()).contains("education");
        });
    }

    @Test
    @Order(7)
    @Tag("issue-15")
    void shouldCopyOnlyTheRawRecordsOfTheGivenSourceToTheReplayTopic() throws Exception {
        List<RawRelease> copiedBefore =
                readAll(topics.replay(), topics.rawSerde().deserializer());
        assertThat(copiedBefore).noneMatch(r -> r.getSourceId().equals("other-src"));
        Instant from = Instant.now().minusSeconds(1);
        send(List.of(doc("o1", "Rushan", "")), "other-src");
        send(List.of(doc("i1", "Murghob", "")), "it");
        send(List.of(doc("o2", "Roshtqal'a", "")), "other-src");

        StringWriter out = new StringWriter();
        assertThat(cli(out, "replay", "--from", from.toString(), "--source", "other-src"))
                .isZero();

        assertThat(out.toString()).contains("Copied 2 of 3 raw records").contains("1 of other sources");
        List<RawRelease> copied = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (copied.size() < copiedBefore.size() + 2 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            copied = readAll(topics.replay(), topics.rawSerde().deserializer());
        }
        assertThat(copied).hasSize(copiedBefore.size() + 2);
        assertThat(copied.stream()
                        .filter(r -> r.getSourceId().equals("other-src"))
                        .map(RawRelease::getSourceUrl))
                .containsExactlyInAnyOrder("https://example.org/o1", "https://example.org/o2");
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    record Doc(String key, String text) {}

    private static Doc doc(String name, String place, String extra) {
        return new Doc("https://example.org/" + name, """
                CSTO experts assessed the situation at the %s border outpost
                14.03.2025
                On 14 March 2025, a working group of the CSTO Secretariat visited the %s outpost of the Republic of \
                Tajikistan on the Tajik-Afghan border and discussed reinforcing the state border. %s
                Go back
                """.formatted(place, place, extra));
    }

    private static List<Doc> history() {
        Doc r3 = doc("r3", "Shuroabad", "");
        return List.of(
                doc("r1", "Ishkashim", "The delegation also visited the " + NEW_CUE + "."),
                doc("r2", "Darvaz", "Later the experts toured the " + NEW_CUE + " in the district."),
                r3,
                doc("r4", "Vanj", ""),
                new Doc("https://example.org/r5-copy", r3.text() + "\n"));
    }

    private static Path editRules(Path rules) throws IOException {
        String topicsYaml;
        try (InputStream in =
                ReplayIT.class.getClassLoader().getResourceAsStream("bulletin/enrich/rules/topics.yaml")) {
            topicsYaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(topicsYaml).contains("\n  education:\n");
        Files.createDirectories(rules.resolve("rules"));
        Files.writeString(
                rules.resolve("rules/topics.yaml"),
                topicsYaml.replace("\n  education:\n", "\n  education:\n    \"" + NEW_CUE + "\": 1.5\n"));
        return rules;
    }

    private EnrichService startEnrich(Path rulesDir) {
        Map<String, String> config = new HashMap<>();
        config.put(EnrichConfig.STATE_DIR, dir.resolve("streams").toString());
        if (rulesDir != null) {
            config.put(EnrichConfig.RULES_DIR, rulesDir.toString());
        }
        return EnrichService.start(new EnrichConfig(config), topics, kafka.bootstrapServers(), Map.of());
    }

    private void send(List<Doc> docs) {
        send(docs, "it");
    }

    private void send(List<Doc> docs, String sourceId) {
        try (KafkaProducer<String, RawRelease> p = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                topics.rawSerde().serializer())) {
            for (Doc d : docs) {
                p.send(new ProducerRecord<>(topics.raw(), d.key(), raw(d, sourceId)))
                        .get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RawRelease raw(Doc d, String sourceId) throws Exception {
        byte[] body = d.text().getBytes(StandardCharsets.UTF_8);
        return RawRelease.newBuilder()
                .setSourceId(sourceId)
                .setSourceUrl(d.key())
                .setFetchedAt(Instant.now())
                .setContentType("text/plain")
                .setCharset("UTF-8")
                .setBody(ByteBuffer.wrap(body))
                .setContentHash(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
                .build();
    }

    private int cli(String... args) {
        return cli(new StringWriter(), args);
    }

    private int cli(StringWriter out, String... args) {
        out.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", kafka.bootstrapServers(), "--registry", REGISTRY));
        if (args[0].equals("dlq") || args[0].equals("status")) { // neither reads a schema: no --registry
            all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--bootstrap", kafka.bootstrapServers()));
        }
        CommandLine cmd = new CommandLine(bulletinCommand());
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(all.toArray(String[]::new));
        System.out.println("bulletin " + String.join(" ", args) + " -> " + exit + "\n" + out + err);
        return exit;
    }

    /** The CLI's root command is package-private; picocli instantiates it reflectively, as Main does. */
    private static Class<?> bulletinCommand() {
        try {
            return Class.forName("org.bulletin.app.BulletinCommand");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private long storedRows() {
        return query("SELECT COUNT(*) FROM releases");
    }

    private long query(String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Map<String, Long> tableCounts() {
        Map<String, Long> out = new TreeMap<>();
        for (String t : List.of(
                "releases",
                "release_history",
                "release_topics",
                "release_regions",
                "outbox",
                "kafka_offsets",
                "relay_position")) {
            out.put(t, query("SELECT COUNT(*) FROM " + t));
        }
        out.put("updated", query("SELECT COUNT(DISTINCT updated_at) FROM releases"));
        return out;
    }

    private Map<String, Long> endOffsets() throws Exception {
        try (Admin admin = kafka.admin();
                KafkaConsumer<byte[], byte[]> c = consumer(new ByteArrayDeserializer())) {
            Set<String> names = admin.listTopics(
                            new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(false))
                    .names()
                    .get();
            Map<String, Long> out = new TreeMap<>();
            for (String name : names) {
                List<TopicPartition> tps = c.partitionsFor(name).stream()
                        .map(p -> new TopicPartition(name, p.partition()))
                        .toList();
                out.put(
                        name,
                        c.endOffsets(tps).values().stream()
                                .mapToLong(Long::longValue)
                                .sum());
            }
            return out;
        }
    }

    private List<Notification> notifications() {
        return readAll(topics.notifications(), topics.notificationSerde().deserializer());
    }

    private <V> List<V> readAll(String topic, Deserializer<V> values) {
        List<V> out = new ArrayList<>();
        records(topic, values).forEach(r -> out.add(r.value()));
        return out;
    }

    private <V> List<ConsumerRecord<String, V>> records(String topic, Deserializer<V> values) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                values)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private <V> KafkaConsumer<byte[], V> consumer(Deserializer<V> values) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                values);
    }

    private static void awaitValue(Supplier<Long> actual, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long last = actual.get();
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = actual.get();
        }
        assertThat(last).isEqualTo(expected);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
