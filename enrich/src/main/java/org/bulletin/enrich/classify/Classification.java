package org.bulletin.enrich.classify;

import java.util.List;

/**
 * Result of classifying one release: regions by descending score, topics with the primary first, and the countries
 * mentioned substantively (ISO 3166-1 alpha-2).
 */
public record Classification(List<ScoredLabel> regions, List<ScoredLabel> topics, List<String> countries) {

    /** Region ids in score order. */
    public List<String> regionIds() {
        return regions.stream().map(ScoredLabel::id).toList();
    }

    /** Topic ids, primary first. */
    public List<String> topicIds() {
        return topics.stream().map(ScoredLabel::id).toList();
    }
}
