package org.bulletin.publish.store;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;

/**
 * What arrived in the store, for the console: counts of every stored release, duplicates included, so that each count
 * equals what {@code GET /v1/releases} with the same filters lists. Maps of labels iterate most frequent first;
 * maps of days iterate oldest first (sort date: the published date, else the day stored).
 *
 * @param withoutRegion releases with no region (out of scope, or no evidence of one)
 * @param bySource      releases per ingest source id among the newest {@code sourcesRead} releases
 */
public record ReleaseArrivals(
        long total,
        long duplicates,
        long withoutRegion,
        Map<String, Long> byRegion,
        Map<String, Long> byTopic,
        Map<String, Map<String, Long>> byRegionAndTopic,
        Map<String, Long> byLanguage,
        Map<String, Long> bySource,
        long sourcesRead,
        SortedMap<LocalDate, Long> byDay,
        SortedMap<LocalDate, Map<String, Long>> byDayAndRegion,
        SortedMap<LocalDate, Map<String, Long>> byDayAndTopic) {}
