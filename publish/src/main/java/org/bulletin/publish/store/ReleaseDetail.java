package org.bulletin.publish.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One release with everything the store keeps of it, as {@code GET /v1/releases/{id}} serves it: labels with their
 * evidence, entities, body, source references, the classifications it replaced (newest first), and the story it
 * belongs to with the link's score and evidence. Component order is
 * the order of the JSON keys.
 */
public record ReleaseDetail(
        String id,
        String title,
        LocalDate publishedDate,
        String language,
        String lede,
        String url,
        List<Label> regions,
        List<Label> topics,
        List<String> countries,
        List<Person> people,
        List<Organisation> organisations,
        List<Place> places,
        List<LocalDate> dates,
        String duplicateOf,
        String parserVersion,
        String classifierVersion,
        boolean replay,
        Instant storedAt,
        Instant updatedAt,
        String body,
        String fingerprint,
        List<SourceRef> sourceRefs,
        Instant enrichedAt,
        List<Superseded> history,
        String storyId,
        StoryDetail.StoryLink storyLink) {

    /** A region or topic, its score and the phrases that gave it. */
    public record Label(String id, double score, List<Evidence> evidence) {}

    /** A phrase of the text (character offsets) and the rule that matched it. */
    public record Evidence(String phrase, int start, int end, String rule) {}

    /** A person the release names, with the role it gives them (or null) and the canonical id (or null). */
    public record Person(String name, String role, String id) {}

    /** An organisation the release names, and the phrases that mention it. */
    public record Organisation(String id, String name, List<String> mentions) {}

    /** A place the release names, the code of its country (or null) and the canonical id (or null). */
    public record Place(String name, String countryCode, String id) {}

    /** Where the release was read: the source and the raw record's Kafka coordinates. */
    public record SourceRef(
            String sourceId, String sourceUrl, String rawKey, int rawPartition, long rawOffset, Instant fetchedAt) {}

    /** A classification that a newer one replaced: when it was made and when it was replaced. */
    public record Superseded(
            String parserVersion,
            String classifierVersion,
            List<Label> regions,
            List<Label> topics,
            Instant classifiedAt,
            Instant supersededAt) {}
}
