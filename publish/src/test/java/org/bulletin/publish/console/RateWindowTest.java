package org.bulletin.publish.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void shouldCountGrowthOverTheLastMinuteAndHourFromSamples() {
        RateWindow w = new RateWindow(Duration.ofMinutes(62));
        // one record every 30 s for 70 minutes, the count starting at 1000 (what the log held before)
        for (int i = 0; i <= 140; i++) {
            w.add(at(i * 30L), 1000 + i);
        }

        assertThat(w.over(MINUTE)).isEqualTo(2);
        assertThat(w.over(HOUR)).isEqualTo(120);
        assertThat(w.covered(HOUR)).isEqualTo(HOUR);
        assertThat(w.lastChange()).isEqualTo(at(140 * 30L));
    }

    @Test
    void shouldCountFromTheNewestSampleAtOrBeforeTheWindowStartSoNoGrowthIsMissed() {
        RateWindow w = new RateWindow(Duration.ofMinutes(62));
        w.add(at(0), 0);
        w.add(at(100), 10); // 10 records between 0 and 100 s
        w.add(at(130), 13);

        // the minute before 130 s starts at 70 s: it is measured from the sample at 0 s, one interval more
        assertThat(w.over(MINUTE)).isEqualTo(13);
    }

    @Test
    void shouldCountFromTheFirstSampleWhileHistoryIsShorterThanTheWindow() {
        RateWindow w = new RateWindow(Duration.ofMinutes(62));
        assertThat(w.over(HOUR)).isZero();
        assertThat(w.covered(HOUR)).isEqualTo(Duration.ZERO);
        w.add(at(0), 500);
        assertThat(w.over(HOUR)).isZero();
        w.add(at(40), 520);

        assertThat(w.over(HOUR)).isEqualTo(20);
        assertThat(w.over(MINUTE)).isEqualTo(20);
        assertThat(w.covered(HOUR)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void shouldRestartFromACountThatWentDownInsteadOfSubtracting() {
        RateWindow w = new RateWindow(Duration.ofMinutes(62));
        w.add(at(0), 900);
        w.add(at(10), 950); // +50
        w.add(at(20), 4); // topic recreated: not -946
        w.add(at(30), 10); // +6

        assertThat(w.over(MINUTE)).isEqualTo(56);
    }

    @Test
    void shouldNotCountAnUnchangedCountAsActivity() {
        RateWindow w = new RateWindow(Duration.ofMinutes(62));
        w.add(at(0), 7);
        w.add(at(5), 7);

        assertThat(w.over(MINUTE)).isZero();
        assertThat(w.lastChange()).isNull();
    }

    @Test
    void shouldDropSamplesOlderThanItsRetentionButKeepTheBaseOfTheLongestWindow() {
        RateWindow w = new RateWindow(Duration.ofMinutes(61));
        for (int i = 0; i <= 200; i++) {
            w.add(at(i * 60L), i); // one per minute for 200 minutes
        }
        assertThat(w.over(HOUR)).isEqualTo(60);
        assertThat(w.covered(Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(61));
    }

    @Test
    void shouldRefuseSamplesOutOfTimeOrder() {
        RateWindow w = new RateWindow(HOUR);
        w.add(at(10), 1);
        assertThatThrownBy(() -> w.add(at(5), 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
