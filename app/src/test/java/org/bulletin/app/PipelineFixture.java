package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bulletin.app.config.Settings;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichService;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.Ingestor;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.SchemaRegistries;

/**
 * The three stages wired as {@code bulletin run} wires them, against services a test provides: topics created,
 * schemas registered, publish + enrich + ingest started. For integration tests.
 */
public final class PipelineFixture implements AutoCloseable {

    private final Topics topics;
    private final String bootstrap;
    private final Publisher publisher;
    private final EnrichService enrich;
    private final Ingestor ingestor;

    private PipelineFixture(
            Topics topics, String bootstrap, Publisher publisher, EnrichService enrich, Ingestor ingestor) {
        this.topics = topics;
        this.bootstrap = bootstrap;
        this.publisher = publisher;
        this.enrich = enrich;
        this.ingestor = ingestor;
    }

    public static PipelineFixture start(
            String bootstrap, String registryUrl, String jdbcUrl, String user, String password, Path dataDir) {
        Map<String, String> cli = new HashMap<>();
        cli.put(ConnectOptions.BOOTSTRAP, bootstrap);
        cli.put(ConnectOptions.REGISTRY, registryUrl);
        cli.put(PublishConfig.STORE_URL, jdbcUrl);
        cli.put(PublishConfig.STORE_USER, user);
        cli.put(PublishConfig.STORE_PASSWORD, password);
        cli.put(PublishConfig.DATA_DIR, dataDir.toString());
        cli.put(PublishConfig.API_PORT, "0");
        cli.put(IngestConfig.DATA_DIR, dataDir.toString());
        cli.put(EnrichConfig.STATE_DIR, dataDir.resolve("streams").toString());
        Settings settings = Settings.load(null, Map.of(), cli);
        Topics topics = Topics.fromConfig(settings.bulletin(), SchemaRegistries.connect(registryUrl));
        TopicSetup.ensure(bootstrap, settings.kafka(), topics, 3);
        topics.registerAll();
        Publisher publisher = StageFactory.publisher(settings, topics, bootstrap);
        EnrichService enrich = EnrichService.start(new EnrichConfig(settings.bulletin()), topics, bootstrap, Map.of());
        Ingestor ingestor = StageFactory.ingestor(settings, topics, bootstrap);
        return new PipelineFixture(topics, bootstrap, publisher, enrich, ingestor);
    }

    public Topics topics() {
        return topics;
    }

    public Ingestor ingestor() {
        return ingestor;
    }

    public Publisher publisher() {
        return publisher;
    }

    public EnrichService enrich() {
        return enrich;
    }

    /** Waits until the enriched topic holds at least {@code n} committed records. */
    public void awaitEnrichedCount(long n, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long seen = 0;
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topics.enriched()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            while (seen < n && System.nanoTime() < deadline) {
                seen += c.poll(Duration.ofMillis(200)).count();
            }
        }
        assertThat(seen).as("committed records on %s", topics.enriched()).isGreaterThanOrEqualTo(n);
    }

    @Override
    public void close() {
        ingestor.close();
        enrich.close();
        publisher.close();
    }
}
