package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.DeadLetterTopic;
import org.bulletin.app.ops.Exporter;
import org.bulletin.app.ops.Replayer;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichService;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.RawPublisher;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.relay.NotificationRelay;
import org.bulletin.publish.sink.PublishSink;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every producer of every stage, and of the app's own tools (replay, DLQ re-drive, export), keeps an acknowledged
 * record through the loss of a broker: acks=all (with the topics' min.insync.replicas) and idempotence, whatever the
 * {@code KAFKA_*} overrides say; enrich's internal topics take the brokers' replication unless an override names
 * another; every other override still reaches the clients (#19). Each config is parsed as the client parses it
 * ({@link ProducerConfig}, {@link StreamsConfig}), so Kafka's own defaults and rules count. No broker.
 */
@Tag("issue-19")
class ClientDurabilityTest {

    private static final String BOOTSTRAP = "127.0.0.1:9";

    @TempDir
    Path data;

    private final Topics topics = Topics.defaults(new InMemorySchemaRegistry());

    /** Overrides that try to weaken durability, and one that must still win (the codec). */
    private Settings settings(Map<String, String> extraEnv, Map<String, String> cli) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_ACKS", "1",
                "KAFKA_ENABLE_IDEMPOTENCE", "false",
                "KAFKA_ISOLATION_LEVEL", "read_uncommitted",
                "KAFKA_COMPRESSION_TYPE", "zstd"));
        env.putAll(extraEnv);
        Map<String, String> flags =
                new HashMap<>(Map.of(PublishConfig.DATA_DIR, data.toString(), IngestConfig.DATA_DIR, data.toString()));
        flags.putAll(cli);
        return Settings.load(null, env, flags);
    }

    /** Each producer the app builds, by name, from the same settings. */
    private Map<String, Map<String, Object>> producers(Settings settings) {
        Map<String, ?> kafka = settings.kafka();
        PublishConfig publish = new PublishConfig(settings.bulletin());
        StreamsConfig enrich = new StreamsConfig(
                EnrichService.streamsProperties(new EnrichConfig(settings.bulletin()), topics, BOOTSTRAP, kafka));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put(
                "ingest",
                RawPublisher.producerProps(
                        KafkaClients.config(BOOTSTRAP, kafka), new IngestConfig(settings.bulletin()).maxBodyBytes()));
        out.put("enrich", enrich.getProducerConfigs("enrich-StreamThread-1-producer"));
        out.put("publish dead letters", map(PublishSink.dlqProducerProperties(publish, BOOTSTRAP, kafka)));
        out.put("publish relay", map(NotificationRelay.producerProperties(publish, BOOTSTRAP, kafka)));
        out.put("replay", new Replayer(BOOTSTRAP, kafka, topics.replay()).producerProperties());
        out.put("dlq redrive", new DeadLetterTopic(BOOTSTRAP, kafka, topics.dlq()).producerProperties());
        out.put(
                "export",
                new Exporter(null, BOOTSTRAP, kafka, topics.notificationSerde().serializer()).producerProperties());
        return out;
    }

    @Test
    void shouldMakeEveryProducerWaitForAllInSyncReplicasAndNeverWriteARetryTwice() {
        for (String guarantee : new String[] {StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE}) {
            Settings settings = settings(Map.of(), Map.of(EnrichConfig.PROCESSING_GUARANTEE, guarantee));
            producers(settings).forEach((name, props) -> {
                ProducerConfig effective = new ProducerConfig(withSerializers(props));
                assertThat(effective.getString(ProducerConfig.ACKS_CONFIG))
                        .as("acks of the %s producer (enrich %s)", name, guarantee)
                        .isIn("all", "-1");
                assertThat(effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))
                        .as("idempotence of the %s producer (enrich %s)", name, guarantee)
                        .isTrue();
                assertThat(effective.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG))
                        .as("the codec override still reaches the %s producer", name)
                        .isEqualTo("zstd");
            });
        }
    }

    @Test
    void shouldReadOnlyCommittedRecordsWhereAStageReadsTransactionalOutput() {
        Settings settings = settings(Map.of(), Map.of());
        StreamsConfig enrich = new StreamsConfig(EnrichService.streamsProperties(
                new EnrichConfig(settings.bulletin()), topics, BOOTSTRAP, settings.kafka()));
        Map<String, Object> sink = map(
                PublishSink.consumerProperties(new PublishConfig(settings.bulletin()), BOOTSTRAP, settings.kafka()));

        // An aborted transaction (a Streams task or the relay failing over to another broker) is never read.
        assertThat(sink).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        assertThat(enrich.getMainConsumerConfigs("bulletin-enrich", "enrich-StreamThread-1-consumer", 0))
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    @Test
    void shouldCreateEnrichsInternalTopicsWithTheBrokersReplicationUnlessAnOverrideNamesIt() {
        StreamsConfig brokers = new StreamsConfig(
                EnrichService.streamsProperties(new EnrichConfig(Map.of()), topics, BOOTSTRAP, Map.of()));
        assertThat(brokers.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG))
                .as("-1: the brokers' default.replication.factor")
                .isEqualTo(-1);
        assertThat(brokers.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
                .as("no min.insync.replicas of enrich's own: the brokers' default")
                .doesNotContainKey("min.insync.replicas");

        Settings settings =
                settings(Map.of("KAFKA_REPLICATION_FACTOR", "3", "KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2"), Map.of());
        StreamsConfig overridden = new StreamsConfig(EnrichService.streamsProperties(
                new EnrichConfig(settings.bulletin()), topics, BOOTSTRAP, settings.kafka()));
        assertThat(overridden.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(overridden.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
                .containsEntry("min.insync.replicas", "2");
    }

    private static Map<String, Object> map(java.util.Properties p) {
        Map<String, Object> out = new HashMap<>();
        p.forEach((k, v) -> out.put((String) k, v));
        return out;
    }

    private static Map<String, Object> withSerializers(Map<String, Object> props) {
        Map<String, Object> out = new HashMap<>(props);
        out.putIfAbsent(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        out.putIfAbsent(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return out;
    }
}
