package org.bulletin.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

    @Test
    void shouldReadInstantsDatesAndAges() {
        assertThat(Times.parse("2025-03-14T10:00:00Z", NOW)).isEqualTo(Instant.parse("2025-03-14T10:00:00Z"));
        assertThat(Times.parse("2025-03-14T10:00", NOW)).isEqualTo(Instant.parse("2025-03-14T10:00:00Z"));
        assertThat(Times.parse("2025-03-14T12:00:00+02:00", NOW)).isEqualTo(Instant.parse("2025-03-14T10:00:00Z"));
        assertThat(Times.parse("2025-03-14", NOW)).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
        assertThat(Times.parse("7d", NOW)).isEqualTo(Instant.parse("2026-03-13T12:00:00Z"));
        assertThat(Times.parse("12h", NOW)).isEqualTo(Instant.parse("2026-03-20T00:00:00Z"));
        assertThat(Times.parse("2w", NOW)).isEqualTo(Instant.parse("2026-03-06T12:00:00Z"));
        assertThat(Times.parse("P1D", NOW)).isEqualTo(Instant.parse("2026-03-19T12:00:00Z"));
    }

    @Test
    void shouldNameTheAcceptedFormsWhenATimeIsUnreadable() {
        assertThatThrownBy(() -> Times.parse("yesterday", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yesterday")
                .hasMessageContaining("7d");
    }
}
