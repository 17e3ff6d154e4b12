package org.bulletin.publish.store;

import java.util.Map;

/**
 * Counts over the store, as {@code GET /v1/stats} serves them: all releases, duplicates, and originals by region,
 * topic, language and day (the latest 90 days with data). Each map iterates most frequent first (by day: newest
 * first).
 */
public record ReleaseStats(
        long total,
        long duplicates,
        Map<String, Long> byRegion,
        Map<String, Long> byTopic,
        Map<String, Long> byLanguage,
        Map<String, Long> byDay) {}
