package org.bulletin.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The second-half rate is a rate or "not measured" (NaN, null in the JSON), never -1 (#15). */
@Tag("issue-15")
class TopicCounterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldMeasureTheRateOverTheSecondHalfOfTheRecords() {
        List<long[]> timeline = List.of(new long[] {0, 100}, new long[] {SECOND, 500}, new long[] {3 * SECOND, 1000});

        assertThat(TopicCounter.tailRate(timeline, 0.5)).isEqualTo(250.0);
    }

    @Test
    void shouldNotMeasureASecondHalfTooShortToTime() {
        List<long[]> timeline = List.of(new long[] {0, 100}, new long[] {SECOND / 10, 1000});

        assertThat(TopicCounter.tailRate(timeline, 0.5)).isNaN();
        assertThat(TopicCounter.tailRate(List.of(), 0.5)).isNaN();
    }
}
