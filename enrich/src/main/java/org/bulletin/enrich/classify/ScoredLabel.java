package org.bulletin.enrich.classify;

import java.util.List;

/**
 * A region or topic with its score in [0,1] and the evidence behind it.
 *
 * @param id       label id from CLASSIFICATION.md
 * @param score    confidence in [0,1]
 * @param weight   raw summed rule weight before squashing (for tuning and explanations)
 * @param evidence matched phrases with offsets into title + "\n\n" + body
 */
public record ScoredLabel(String id, double score, double weight, List<Evidence> evidence) {

    /** One matched phrase: text, offsets and the rule that fired. */
    public record Evidence(String phrase, int start, int end, String rule) {}
}
