package org.bulletin.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PublishConfigTest {

    @Test
    void shouldDefaultToAnEmbeddedStoreUnderTheDataDir() {
        PublishConfig c = new PublishConfig(Map.of(PublishConfig.DATA_DIR, "/tmp/bulletin-data"));
        assertThat(c.storeUrl())
                .startsWith("jdbc:h2:file:" + Path.of("/tmp/bulletin-data/store"))
                .contains("MODE=PostgreSQL");
        assertThat(c.apiPort()).isEqualTo(8080);
        assertThat(c.replayNotifications()).isEqualTo(PublishConfig.ReplayNotifications.FLAG);
    }

    @Test
    void shouldFailFastNamingTheBadKey() {
        assertThatThrownBy(() -> new PublishConfig(Map.of(PublishConfig.REPLAY_NOTIFICATIONS, "drop")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(PublishConfig.REPLAY_NOTIFICATIONS);
        assertThatThrownBy(() -> new PublishConfig(Map.of(PublishConfig.API_PORT, "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(PublishConfig.API_PORT);
    }

    @Test
    void shouldKeepThePasswordOutOfToString() {
        PublishConfig c = new PublishConfig(Map.of(
                PublishConfig.STORE_PASSWORD, "s3cret", PublishConfig.KAFKA_PREFIX + "security.protocol", "SSL"));
        assertThat(c.storePassword()).isEqualTo("s3cret");
        assertThat(c.values().toString()).doesNotContain("s3cret");
        assertThat(c.kafkaOverrides()).containsEntry("security.protocol", "SSL");
    }
}
