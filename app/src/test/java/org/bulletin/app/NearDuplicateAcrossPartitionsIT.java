package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichService;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.SchemaRegistries;
import org.bulletin.testing.KafkaTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicate detection where it matters: two lightly different releases whose keys land on different partitions
 * of a 3-partition raw topic, through the real enrich app on a real in-process broker. The topology test of the same
 * case runs on one partition; here only the global signature index can connect them.
 */
@Tag("issue-15")
class NearDuplicateAcrossPartitionsIT {

    private static final String REGISTRY = "mem://near-duplicate-it";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;
    private static final String ORIGINAL = "https://a.example/original";

    private static final String TEXT = """
            CSTO Secretary General held talks with the Minister of Foreign Affairs of Kyrgyzstan
            12.05.2025
            On 12 May 2025, the CSTO Secretary General held talks in Bishkek with the Minister of Foreign Affairs of \
            the Kyrgyz Republic. The parties discussed the situation on the external borders of the Organisation, \
            the implementation of the interstate targeted programme for strengthening the Tajik-Afghan border, the \
            preparation of the joint exercises of the Collective Rapid Reaction Forces scheduled for the autumn, and \
            the agenda of the forthcoming session of the Collective Security Council. The Minister noted the \
            importance of coordinated foreign policy actions of the member states in international organisations \
            and thanked the Secretariat for its assistance in organising consultations on countering international \
            terrorism and extremism. The Secretary General informed the Minister about the results of the recent \
            meeting of the Committee of Secretaries of Security Councils and about the plans for cooperation with \
            the United Nations and the Shanghai Cooperation Organisation in the current year.
            """;

    private KafkaTestCluster kafka;
    private EnrichService enrich;

    @AfterEach
    void stop() {
        if (enrich != null) {
            enrich.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        SchemaRegistries.dropInMemory(REGISTRY);
    }

    @Test
    void shouldMarkANearDuplicateWhoseKeyLandsOnAnotherPartition() throws Exception {
        kafka = KafkaTestCluster.start();
        Topics topics = Topics.fromConfig(Map.of(), SchemaRegistries.connect(REGISTRY));
        TopicSetup.ensure(kafka.bootstrapServers(), Map.of(), topics, PARTITIONS);
        Path state = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "near-duplicate-it");
        enrich = EnrichService.start(
                new EnrichConfig(Map.of(EnrichConfig.STATE_DIR, state.toString())),
                topics,
                kafka.bootstrapServers(),
                Map.of());
        String reprint = keyOnAnotherPartitionThan(ORIGINAL);
        String edited = TEXT.replace("scheduled for the autumn", "planned for the autumn")
                .replace("in the current year", "this year");

        int originalPartition = send(topics, ORIGINAL, TEXT);
        awaitIndexed(ORIGINAL);
        int reprintPartition = send(topics, reprint, edited);

        assertThat(reprintPartition).isNotEqualTo(originalPartition);
        Map<String, Release> out = readEnriched(topics, List.of(ORIGINAL, reprint));
        assertThat(out.get(ORIGINAL).getDuplicateOf()).isNull();
        assertThat(out.get(reprint).getSourceRefs().get(0).getRawPartition()).isEqualTo(reprintPartition);
        assertThat(out.get(reprint).getFingerprint())
                .isNotEqualTo(out.get(ORIGINAL).getFingerprint());
        assertThat(out.get(reprint).getDuplicateOf()).isEqualTo(ORIGINAL);
    }

    /** The first of reprint-0, reprint-1, ... whose key the default partitioner puts on another raw partition. */
    private static String keyOnAnotherPartitionThan(String key) {
        int taken = partitionOf(key);
        for (int i = 0; ; i++) {
            String candidate = "https://b.example/reprint-" + i;
            if (partitionOf(candidate) != taken) {
                return candidate;
            }
        }
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private int send(Topics topics, String key, String text) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        RawRelease raw = RawRelease.newBuilder()
                .setSourceId("it")
                .setSourceUrl(key)
                .setFetchedAt(Instant.now())
                .setContentType("text/plain")
                .setCharset("UTF-8")
                .setBody(ByteBuffer.wrap(body))
                .setContentHash(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
                .build();
        try (KafkaProducer<String, RawRelease> p = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                topics.rawSerde().serializer())) {
            return p.send(new ProducerRecord<>(topics.raw(), key, raw)).get().partition();
        }
    }

    /**
     * Waits until enrich's global signature index (fed asynchronously by the signatures topic) holds the release, so
     * the second release meets an index that knows the first: the case under test, not the race before it.
     */
    private void awaitIndexed(String releaseId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, String> index = enrich.streams()
                        .store(StoreQueryParameters.fromNameAndType(
                                "dedup-signatures-store", QueryableStoreTypes.<String, String>keyValueStore()));
                if (index.get("s:" + releaseId) != null) {
                    return;
                }
            } catch (InvalidStateStoreException e) {
                // not queryable yet: the app is still starting or rebalancing
            }
            Thread.sleep(200);
        }
        throw new AssertionError("enrich's signature index did not receive " + releaseId + " within " + WAIT);
    }

    private Map<String, Release> readEnriched(Topics topics, List<String> ids) {
        Map<String, Release> out = new HashMap<>();
        try (KafkaConsumer<String, Release> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                topics.releaseSerde().deserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topics.enriched()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!out.keySet().containsAll(ids) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.put(r.value().getReleaseId(), r.value()));
            }
        }
        assertThat(out).as("releases on %s", topics.enriched()).containsKeys(ids.toArray(String[]::new));
        return out;
    }
}
