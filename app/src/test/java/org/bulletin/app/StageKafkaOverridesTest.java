package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.errors.TimeoutException;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.app.config.Settings;
import org.bulletin.ingest.Ingestor;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code KAFKA_*} override reaches the Kafka clients of each stage as the commands build them (#15); before, publish
 * read only {@code bulletin.publish.kafka.*}. Each client registers its metrics under its client.id, so the override
 * is seen on the clients themselves. Nothing listens on the bootstrap address: building a client does not connect.
 */
@Tag("issue-15")
class StageKafkaOverridesTest {

    private static final String NOWHERE = "127.0.0.1:9";

    @TempDir
    Path data;

    private final Topics topics = Topics.defaults(new InMemorySchemaRegistry());

    private Settings settings(String clientId) {
        return Settings.load(
                null,
                Map.of("KAFKA_CLIENT_ID", clientId, "KAFKA_MAX_BLOCK_MS", "1000"),
                Map.of(PublishConfig.DATA_DIR, data.toString(), "bulletin.ingest.data.dir", data.toString()));
    }

    @Test
    void shouldGiveTheIngestProducerTheOverride() throws Exception {
        try (Ingestor ingestor = StageFactory.ingestor(settings("ops-ingest"), topics, NOWHERE)) {
            assertThat(clients("kafka.producer", "ops-ingest")).isTrue();
        }
    }

    @Test
    void shouldGiveEveryPublishClientTheOverride() throws Exception {
        try (Publisher publisher = StageFactory.publisher(settings("ops-publish"), topics, NOWHERE)) {
            assertThat(clients("kafka.consumer", "ops-publish"))
                    .as("sink consumer")
                    .isTrue();
            assertThat(clients("kafka.producer", "ops-publish"))
                    .as("dead-letter producer")
                    .isTrue();
            assertThat(clients("kafka.admin.client", "ops-publish"))
                    .as("relay admin")
                    .isTrue();
        }
    }

    @Test
    void shouldGiveTheAdminClientThatSetsUpTopicsTheOverride() {
        // Nothing listens, so the admin call runs out of time. With the override (1 s) the admin client gives up
        // itself:
        // a Kafka TimeoutException inside the future. Without it the admin would wait its default 60 s, and
        // TopicSetup's own 30 s wait on the future would end first, with java.util.concurrent.TimeoutException.
        Settings settings = Settings.load(
                null, Map.of("KAFKA_DEFAULT_API_TIMEOUT_MS", "1000", "KAFKA_REQUEST_TIMEOUT_MS", "1000"), Map.of());

        assertThatThrownBy(() -> TopicSetup.ensure(NOWHERE, settings.kafka(), topics, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldBuildAppClientConfigsFromTheOverridesAndTheBootstrapServers() {
        Settings settings = Settings.load(
                null, Map.of("KAFKA_CLIENT_ID", "ops-admin", "KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092"), Map.of());

        Map<String, Object> config = KafkaClients.config(NOWHERE, settings.kafka());

        assertThat(config)
                .containsEntry(CommonClientConfigs.CLIENT_ID_CONFIG, "ops-admin")
                .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, NOWHERE);
    }

    private static boolean clients(String domain, String clientId) throws MalformedObjectNameException {
        return !ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName(domain + ":client-id=" + clientId + ",*"), null)
                .isEmpty();
    }
}
