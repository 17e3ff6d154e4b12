package org.bulletin.publish.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One story as {@code GET /v1/stories} lists it: the first headline in each language, its languages and sources in
 * order of arrival, how many releases, the days it spans, and its regions and topics, most frequent first.
 */
public record StorySummary(
        String id,
        Map<String, String> headlines,
        List<String> languages,
        List<String> sources,
        int releaseCount,
        LocalDate firstSeen,
        LocalDate lastSeen,
        List<String> regions,
        List<String> topics) {}
