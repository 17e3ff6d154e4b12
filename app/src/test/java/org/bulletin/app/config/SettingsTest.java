package org.bulletin.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldApplyDefaultsThenFileThenEnvironmentThenFlags() throws Exception {
        Path file = dir.resolve("bulletin.properties");
        Files.writeString(
                file,
                "bulletin.enrich.dedup.window.days=10\nbulletin.enrich.threads=2\nbulletin.publish.batch.size=7\nkafka.linger.ms=9\n");

        Settings s = Settings.load(
                file,
                Map.of(
                        "BULLETIN_ENRICH_THREADS",
                        "3",
                        "BULLETIN_PUBLISH_BATCH_SIZE",
                        "8",
                        "KAFKA_COMPRESSION_TYPE",
                        "zstd"),
                Map.of("bulletin.publish.batch.size", "9"));

        assertThat(s.bulletin())
                .containsEntry("bulletin.enrich.dedup.window.days", "10")
                .containsEntry("bulletin.enrich.threads", "3")
                .containsEntry("bulletin.publish.batch.size", "9");
        assertThat(s.kafka()).containsEntry("linger.ms", "9").containsEntry("compression.type", "zstd");
    }

    @Test
    void shouldMapEnvironmentNamesToDashedKeys() {
        assertThat(Settings.envToKey("BULLETIN_TOPICS_BY_REGION_PATTERN"))
                .isEqualTo("bulletin.topics.by-region.pattern");
        assertThat(Settings.envToKey("BULLETIN_INGEST_PUSH_TOKEN")).isEqualTo("bulletin.ingest.push.token");
    }

    @Test
    void shouldNotPassLoggingVariablesToTheKafkaClients() {
        Settings s = Settings.load(
                null, Map.of("KAFKA_LOG_LEVEL", "DEBUG", "KAFKA_HEAP_OPTS", "-Xmx1g", "KAFKA_ACKS", "all"), Map.of());
        assertThat(s.kafka()).containsOnlyKeys("acks");
    }

    @Test
    void shouldRefuseAKeyOutsideBothNamespacesNamingIt() {
        assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("enrich.threads", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enrich.threads");
    }
}
