package org.bulletin.publish.store;

import java.time.LocalDate;

/**
 * Filters of a story listing; null means "any". A story matches when one of its releases does; {@code since} keeps
 * stories whose latest release is dated on or after it.
 */
public record StoryQuery(String region, String topic, String language, LocalDate since, int limit, Cursor after) {

    public StoryQuery {
        if (limit < 1 || limit > ReleaseQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + ReleaseQuery.MAX_LIMIT + ": " + limit);
        }
    }

    public static StoryQuery all() {
        return new StoryQuery(null, null, null, null, ReleaseQuery.DEFAULT_LIMIT, null);
    }
}
