package org.bulletin.publish.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bulletin.publish.console.Periods.Granularity;
import org.bulletin.publish.console.Periods.Period;
import org.junit.jupiter.api.Test;

class PeriodsTest {

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void shouldChooseDaysMonthsOrYearsByTheSpanOfTheData() {
        assertThat(Periods.granularity(d("2025-01-01"), d("2025-03-04"))).isEqualTo(Granularity.DAY);
        assertThat(Periods.granularity(d("2025-01-01"), d("2025-03-05"))).isEqualTo(Granularity.MONTH);
        assertThat(Periods.granularity(d("2022-01-01"), d("2024-12-31"))).isEqualTo(Granularity.MONTH);
        assertThat(Periods.granularity(d("2019-10-02"), d("2025-03-14"))).isEqualTo(Granularity.YEAR);
    }

    @Test
    void shouldBucketIntoContiguousPeriodsWithEmptyOnesIncluded() {
        SortedMap<LocalDate, Long> perDay = new TreeMap<>(Map.of(d("2019-10-02"), 1L, d("2023-09-20"), 2L));
        SortedMap<LocalDate, Map<String, Long>> perLabel = new TreeMap<>(Map.of(
                d("2019-10-02"), Map.of("global", 1L),
                d("2023-09-20"), Map.of("central-asia", 2L, "global", 1L)));

        Periods.Series s = Periods.of(perDay, perLabel);

        assertThat(s.granularity()).isEqualTo(Granularity.YEAR);
        assertThat(s.periods()).extracting(Period::label).containsExactly("2019", "2020", "2021", "2022", "2023");
        assertThat(s.periods().get(0))
                .isEqualTo(new Period("2019", d("2019-01-01"), d("2019-12-31"), 1, Map.of("global", 1L)));
        assertThat(s.periods().get(1).total()).isZero();
        assertThat(s.periods().get(4).counts()).isEqualTo(Map.of("central-asia", 2L, "global", 1L));
        assertThat(s.earlierCount()).isZero();
    }

    @Test
    void shouldEndMonthsOnTheirLastDay() {
        SortedMap<LocalDate, Long> perDay = new TreeMap<>(Map.of(d("2024-01-31"), 1L, d("2024-03-01"), 1L));
        Periods.Series s = Periods.of(perDay, new TreeMap<>());

        assertThat(s.granularity()).isEqualTo(Granularity.DAY);
        assertThat(s.periods()).hasSize(31); // 2024-01-31 .. 2024-03-01, a leap year
        SortedMap<LocalDate, Long> wide = new TreeMap<>(Map.of(d("2024-01-31"), 1L, d("2024-04-05"), 1L));
        assertThat(Periods.of(wide, new TreeMap<>()).periods())
                .extracting(Period::to)
                .containsExactly(d("2024-01-31"), d("2024-02-29"), d("2024-03-31"), d("2024-04-30"));
    }

    @Test
    void shouldKeepTheNewestPeriodsAndCountWhatFallsBeforeThem() {
        // A stray date centuries back must not make thousands of periods.
        SortedMap<LocalDate, Long> perDay =
                new TreeMap<>(Map.of(d("0999-05-05"), 2L, d("1990-01-01"), 1L, d("2025-06-01"), 4L));
        Periods.Series s = Periods.of(perDay, new TreeMap<>());

        assertThat(s.periods()).hasSize(Periods.MAX_PERIODS);
        assertThat(s.periods().get(Periods.MAX_PERIODS - 1).label()).isEqualTo("2025");
        assertThat(s.periods().get(0).label()).isEqualTo("1906");
        assertThat(s.earlierCount()).isEqualTo(2);
        assertThat(s.periods().stream().mapToLong(Period::total).sum()).isEqualTo(5);
    }

    @Test
    void shouldGiveNoPeriodForNoData() {
        assertThat(Periods.of(new TreeMap<>(), new TreeMap<>()).periods()).isEmpty();
    }
}
