package org.bulletin.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bulletin.publish.relay.NotificationRelay;
import org.bulletin.publish.sink.PublishSink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Kafka client overrides every stage gets ({@code KAFKA_*} / {@code kafka.*}) reach each of publish's clients
 * (#15): before, publish read only {@code bulletin.publish.kafka.*}, so a secured cluster's settings never reached it.
 */
@Tag("issue-15")
class KafkaClientOverridesTest {

    private static final Map<String, String> COMMON =
            Map.of("security.protocol", "SSL", "client.id", "ops-given", "max.poll.records", "7");

    @Test
    void shouldPassTheCommonOverridesToEveryClient() {
        PublishConfig config = new PublishConfig(Map.of());

        List<Properties> clients = List.of(
                PublishSink.consumerProperties(config, "b:9092", COMMON),
                PublishSink.dlqProducerProperties(config, "b:9092", COMMON),
                NotificationRelay.producerProperties(config, "b:9092", COMMON),
                NotificationRelay.adminProperties(config, "b:9092", COMMON));
        assertThat(clients)
                .allSatisfy(p -> assertThat(p)
                        .containsEntry("security.protocol", "SSL")
                        .containsEntry("bootstrap.servers", "b:9092"));
        assertThat(PublishSink.consumerProperties(config, "b:9092", COMMON))
                .containsEntry("client.id", "ops-given")
                .containsEntry("max.poll.records", "7");
        assertThat(NotificationRelay.producerProperties(config, "b:9092", COMMON))
                .containsEntry("client.id", "ops-given");
    }

    @Test
    void shouldLetThePublishScopedKeysWinOverTheCommonOnes() {
        PublishConfig config = new PublishConfig(Map.of(PublishConfig.KAFKA_PREFIX + "security.protocol", "SASL_SSL"));

        assertThat(PublishSink.consumerProperties(config, "b:9092", COMMON))
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void shouldKeepWhatExactlyOnceNeedsWhateverTheOverridesSay() {
        Map<String, String> unsafe = Map.of(
                "isolation.level",
                "read_uncommitted",
                "enable.auto.commit",
                "true",
                "transactional.id",
                "other",
                "acks",
                "1");
        PublishConfig config = new PublishConfig(Map.of());

        assertThat(PublishSink.consumerProperties(config, "b:9092", unsafe))
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("client.id", "bulletin-publish-sink")
                .containsEntry("max.poll.records", 500);
        assertThat(NotificationRelay.producerProperties(config, "b:9092", unsafe))
                .containsEntry("transactional.id", "bulletin-publish-relay")
                .containsEntry("acks", "all");
    }
}
