package org.bulletin.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import org.bulletin.app.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A mistyped variable in a compose file (or anywhere) is logged at start, naming the likely key (#7). */
class ComposeSettingsWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Settings.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    @Test
    void shouldWarnAboutAMistypedVariableAndSuggestTheKeyWithoutFailing() {
        Map<String, String> env = Map.of("BULLETIN_ENRICH_STATEDIR", "/x", "BULLETIN_KAFKA_BOOTSTRAP", "k:9092");

        Settings settings = Settings.load(null, env, Map.of());

        assertThat(settings.bulletin()).containsEntry("bulletin.enrich.statedir", "/x");
        assertThat(events.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage())
                    .isEqualTo("unknown configuration key 'bulletin.enrich.statedir' is "
                            + "ignored (typo?); did you mean 'bulletin.enrich.state.dir'?");
        });
    }

    @Test
    void shouldNotWarnAboutKnownKeysOrKafkaClientOverrides() {
        Settings.load(
                null,
                Map.of("BULLETIN_PUBLISH_API_HOST", "0.0.0.0", "KAFKA_COMPRESSION_TYPE", "zstd"),
                Map.of("bulletin.publish.kafka.client.id", "x", "bulletin.log.level", "DEBUG"));

        assertThat(events.list).isEmpty();
    }
}
