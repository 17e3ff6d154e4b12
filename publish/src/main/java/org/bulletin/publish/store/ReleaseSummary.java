package org.bulletin.publish.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One release in a listing, as {@code GET /v1/releases} serves it: labels with their scores but without evidence,
 * no body, and the story it belongs to (or null). Component order is the order of the JSON keys.
 */
public record ReleaseSummary(
        String id,
        String title,
        LocalDate publishedDate,
        String language,
        String lede,
        String url,
        List<ScoredLabel> regions,
        List<ScoredLabel> topics,
        List<String> countries,
        String duplicateOf,
        String parserVersion,
        String classifierVersion,
        boolean replay,
        Instant storedAt,
        Instant updatedAt,
        String storyId) {

    /** A region or topic and its score. */
    public record ScoredLabel(String id, double score) {}
}
