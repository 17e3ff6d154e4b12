package org.bulletin.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Kafka client overrides every stage gets ({@code KAFKA_*} / {@code kafka.*}) reach enrich's clients (#15). */
@Tag("issue-15")
class EnrichKafkaOverridesTest {

    @Test
    void shouldPassTheOverridesToTheClientsKafkaStreamsCreates() {
        StreamsConfig streams = new StreamsConfig(EnrichService.streamsProperties(
                new EnrichConfig(Map.of()),
                Topics.defaults(new InMemorySchemaRegistry()),
                "b:9092",
                Map.of("max.poll.records", "7", "security.protocol", "SSL", "client.id", "ops-given")));

        assertThat(streams.getMainConsumerConfigs("bulletin-enrich", "ops-given-StreamThread-1-consumer", 0))
                .containsEntry("max.poll.records", "7")
                .containsEntry("security.protocol", "SSL");
        assertThat(streams.getProducerConfigs("ops-given-StreamThread-1-producer"))
                .containsEntry("security.protocol", "SSL");
        assertThat(streams.getAdminConfigs("ops-given-admin")).containsEntry("security.protocol", "SSL");
        assertThat(streams.getString(StreamsConfig.CLIENT_ID_CONFIG)).isEqualTo("ops-given");
    }

    @Test
    void shouldLetTheCompressionOverrideBeatEnrichsLz4Default() {
        StreamsConfig defaults = new StreamsConfig(EnrichService.streamsProperties(
                new EnrichConfig(Map.of()), Topics.defaults(new InMemorySchemaRegistry()), "b:9092", Map.of()));
        StreamsConfig overridden = new StreamsConfig(EnrichService.streamsProperties(
                new EnrichConfig(Map.of()),
                Topics.defaults(new InMemorySchemaRegistry()),
                "b:9092",
                Map.of("compression.type", "zstd")));
        StreamsConfig enrichOnly = new StreamsConfig(EnrichService.streamsProperties(
                new EnrichConfig(Map.of()),
                Topics.defaults(new InMemorySchemaRegistry()),
                "b:9092",
                Map.of("producer.compression.type", "gzip")));

        assertThat(defaults.getProducerConfigs("p")).containsEntry("compression.type", "lz4");
        // KAFKA_COMPRESSION_TYPE=zstd: Streams would let its own producer.compression.type=lz4 win over it (#15).
        assertThat(overridden.getProducerConfigs("p")).containsEntry("compression.type", "zstd");
        // KAFKA_PRODUCER_COMPRESSION_TYPE: Streams' prefix, read by enrich only when one process runs every stage.
        assertThat(enrichOnly.getProducerConfigs("p")).containsEntry("compression.type", "gzip");
    }
}
