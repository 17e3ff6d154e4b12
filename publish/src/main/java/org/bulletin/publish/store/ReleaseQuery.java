package org.bulletin.publish.store;

import java.time.LocalDate;

/**
 * Filters of a release listing; null means "any". {@code from}/{@code to} are inclusive and apply to the sort date
 * (the published date, or the stored day when the release states none). {@code source} is an ingest source id
 * (e.g. {@code push}, {@code sample}, a sources file's id): a release matches when any of its source references
 * names it.
 */
public record ReleaseQuery(
        String region,
        String topic,
        String country,
        String language,
        String source,
        String text,
        LocalDate from,
        LocalDate to,
        int limit,
        Cursor after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ReleaseQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
        }
    }

    /** The filters before the source filter existed: any source. */
    public ReleaseQuery(
            String region,
            String topic,
            String country,
            String language,
            String text,
            LocalDate from,
            LocalDate to,
            int limit,
            Cursor after) {
        this(region, topic, country, language, null, text, from, to, limit, after);
    }

    /** Everything, newest first, default page size. */
    public static ReleaseQuery all() {
        return new ReleaseQuery(null, null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    public ReleaseQuery withLimit(int newLimit) {
        return new ReleaseQuery(region, topic, country, language, source, text, from, to, newLimit, after);
    }

    public ReleaseQuery withCursor(Cursor cursor) {
        return new ReleaseQuery(region, topic, country, language, source, text, from, to, limit, cursor);
    }
}
