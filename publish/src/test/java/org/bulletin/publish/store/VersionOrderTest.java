package org.bulletin.publish.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void shouldCompareDigitRunsAsNumbers() {
        assertThat(VersionOrder.compare("rules-10", "rules-9")).isPositive();
        assertThat(VersionOrder.compare("1.2.0", "1.10.0")).isNegative();
        assertThat(VersionOrder.compare("2024.05", "2024.05")).isZero();
        assertThat(VersionOrder.compare("rules-1", "rules-1b")).isNegative();
    }
}
