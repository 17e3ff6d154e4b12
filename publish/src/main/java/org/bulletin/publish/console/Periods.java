package org.bulletin.publish.console;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Buckets counts per day into contiguous periods for a chart over time: days when the data spans up to two months,
 * months up to three years, years beyond; empty periods included, so the axis is time. At most {@link #MAX_PERIODS}
 * periods, the newest; what falls before them is counted apart. Pure.
 */
public final class Periods {

    public static final int MAX_PERIODS = 120;

    /** The size of a period. */
    public enum Granularity {
        DAY,
        MONTH,
        YEAR
    }

    /** One period: its first and last day (inclusive), and the counts per label within it. */
    public record Period(String label, LocalDate from, LocalDate to, long total, Map<String, Long> counts) {}

    /**
     * The periods, and what lies before the first of them.
     *
     * @param earlierCount releases dated before {@code periods.get(0).from()}, 0 when none were left out
     */
    public record Series(Granularity granularity, List<Period> periods, long earlierCount) {}

    private Periods() {}

    /** The granularity for data from {@code first} to {@code last}. */
    public static Granularity granularity(LocalDate first, LocalDate last) {
        long days = ChronoUnit.DAYS.between(first, last);
        if (days <= 62) {
            return Granularity.DAY;
        }
        return days <= 3 * 366 ? Granularity.MONTH : Granularity.YEAR;
    }

    /**
     * Buckets {@code perDay} (totals per day) and {@code perDayAndLabel} (counts per day and label) with the
     * granularity their span calls for. Both are keyed by the same days; labels iterate in name order.
     */
    public static Series of(SortedMap<LocalDate, Long> perDay, SortedMap<LocalDate, Map<String, Long>> perDayAndLabel) {
        if (perDay.isEmpty()) {
            return new Series(Granularity.DAY, List.of(), 0);
        }
        Granularity g = granularity(perDay.firstKey(), perDay.lastKey());
        // Backwards from the newest period, so a stray ancient date costs nothing.
        List<LocalDate> starts = new ArrayList<>();
        LocalDate oldest = start(perDay.firstKey(), g);
        for (LocalDate d = start(perDay.lastKey(), g);
                !d.isBefore(oldest) && starts.size() < MAX_PERIODS;
                d = previous(d, g)) {
            starts.add(0, d);
        }
        LocalDate first = starts.get(0);
        long earlier = perDay.headMap(first).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        List<Period> periods = new ArrayList<>();
        for (LocalDate from : starts) {
            LocalDate to = next(from, g).minusDays(1);
            long total = perDay.subMap(from, to.plusDays(1)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            Map<String, Long> counts = new TreeMap<>();
            perDayAndLabel
                    .subMap(from, to.plusDays(1))
                    .values()
                    .forEach(m -> m.forEach((label, n) -> counts.merge(label, n, Long::sum)));
            periods.add(new Period(label(from, g), from, to, total, new LinkedHashMap<>(counts)));
        }
        return new Series(g, periods, earlier);
    }

    private static LocalDate start(LocalDate d, Granularity g) {
        return switch (g) {
            case DAY -> d;
            case MONTH -> d.withDayOfMonth(1);
            case YEAR -> d.with(TemporalAdjusters.firstDayOfYear());
        };
    }

    private static LocalDate next(LocalDate d, Granularity g) {
        return switch (g) {
            case DAY -> d.plusDays(1);
            case MONTH -> d.plusMonths(1);
            case YEAR -> d.plusYears(1);
        };
    }

    private static LocalDate previous(LocalDate d, Granularity g) {
        return switch (g) {
            case DAY -> d.minusDays(1);
            case MONTH -> d.minusMonths(1);
            case YEAR -> d.minusYears(1);
        };
    }

    private static String label(LocalDate from, Granularity g) {
        return switch (g) {
            case DAY -> from.toString();
            case MONTH -> from.toString().substring(0, 7);
            case YEAR -> Integer.toString(from.getYear());
        };
    }
}
