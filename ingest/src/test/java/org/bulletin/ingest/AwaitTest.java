package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The polling helper of the source tests fails at its deadline instead of waiting forever (#15). */
@Tag("issue-15")
class AwaitTest {

    @Test
    void shouldFailNamingTheConditionWhenItNeverHoldsBeforeTheDeadline() {
        assertThatThrownBy(() -> Await.until("a raw record that never comes", Duration.ofMillis(100), () -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a raw record that never comes");
    }

    @Test
    void shouldReturnAsSoonAsTheConditionHolds() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        Await.until("the third poll", Duration.ofSeconds(10), () -> polls.incrementAndGet() >= 3);
    }

    @Test
    void shouldFailWhenAThreadOutlivesItsJoinDeadline() throws Exception {
        Thread sleeper = new Thread(
                () -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "sleeper");
        sleeper.start();
        try {
            assertThatThrownBy(() -> Await.joined(sleeper, Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("sleeper");
        } finally {
            sleeper.interrupt();
        }
    }
}
