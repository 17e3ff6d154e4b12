package org.bulletin.enrich.classify;

import java.util.List;

/**
 * Result of classifying one release: whether it is in scope (with the model's score and the phrases that decided),
 * regions by descending score, topics with the primary first (both empty out of scope), and the countries mentioned
 * substantively (ISO 3166-1 alpha-2).
 */
public record Classification(List<ScoredLabel> regions, List<ScoredLabel> topics, List<String> countries, Scope scope) {

    /**
     * The first decision: is the release about security cooperation in the organisations' area at all.
     *
     * @param inScope  true when regions and topics apply
     * @param score    the model's probability that the release is in scope, in [0,1]
     * @param evidence organisations, security and off-domain phrases found, with offsets
     */
    public record Scope(boolean inScope, double score, List<ScoredLabel.Evidence> evidence) {}

    /** Region ids in score order. */
    public List<String> regionIds() {
        return regions.stream().map(ScoredLabel::id).toList();
    }

    /** Topic ids, primary first. */
    public List<String> topicIds() {
        return topics.stream().map(ScoredLabel::id).toList();
    }
}
