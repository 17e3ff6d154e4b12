package org.bulletin.publish.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulletin.publish.it.KafkaTestSupport.await;
import static org.bulletin.publish.testdata.Releases.release;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bulletin.publish.Health;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.bulletin.testing.KafkaTestCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store failure that is neither an outage nor bad data stops the publish stage (#15). Before, an undefined table
 * counted as "database unavailable": consumption paused, the ping succeeded, consumption resumed and failed again,
 * for ever, with health merely DEGRADED.
 */
@Tag("issue-15")
class PublisherStoreFailureIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldStopTheStageNamingTheFailureWhenATableIsMissing() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            Topics topics = Topics.defaults(new InMemorySchemaRegistry());
            kafka.createTopics(1, topics.enriched(), topics.notifications(), topics.dlq());
            PublishConfig config = new PublishConfig(Map.of(
                    PublishConfig.DATA_DIR, dataDir.toString(), PublishConfig.TRANSACTIONAL_ID, "failure-it-relay"));

            try (Publisher publisher = Publisher.start(config, topics, kafka.bootstrapServers())) {
                // A broken deployment: the table the sink writes is gone, while the database answers pings.
                try (Connection c = DriverManager.getConnection(PublishConfig.embeddedUrl(dataDir));
                        Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE releases RENAME TO releases_gone");
                }
                try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    p.send(new ProducerRecord<>(
                            topics.enriched(),
                            "r-1".getBytes(StandardCharsets.UTF_8),
                            topics.releaseSerde()
                                    .serializer()
                                    .serialize(topics.enriched(), release("r-1").build())));
                }

                await(
                        "the publish stage to stop",
                        Duration.ofSeconds(60),
                        () -> publisher.failure().isDone());
                assertThat(publisher.failure().join())
                        .hasMessageContaining("SQLSTATE 42")
                        .hasMessageContaining("neither an outage nor bad data");
                assertThat(publisher.health().snapshot().get("publish").state()).isEqualTo(Health.State.DOWN);
                assertThat(publisher.health().healthy()).isFalse();
            }
        }
    }
}
