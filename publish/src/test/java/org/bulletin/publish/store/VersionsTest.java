package org.bulletin.publish.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void shouldCompareDigitRunsAsNumbers() {
        assertThat(Versions.compare("rules-10", "rules-9")).isPositive();
        assertThat(Versions.compare("1.2.0", "1.10.0")).isNegative();
        assertThat(Versions.compare("2024.05", "2024.05")).isZero();
        assertThat(Versions.compare("rules-1", "rules-1b")).isNegative();
    }
}
